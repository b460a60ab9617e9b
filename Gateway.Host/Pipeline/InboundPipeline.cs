using Gateway.Edi;
using Gateway.Host.Acknowledgments;
using Gateway.Host.Admin.Metrics;
using Gateway.Host.Delivery;
using Gateway.Host.Intake;
using Gateway.Host.Mapping;
using Gateway.Host.Outbound;
using Gateway.Host.Shipments;
using Gateway.Host.Tracking;
using Gateway.Partners.ControlNumbers;
using Gateway.Partners.Duplicates;
using Gateway.Partners.Loading;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Pipeline;

/// <summary>
/// Takes received files through parse + identify, check, validate and acknowledge (one recorded stage, so a crash
/// repeats none of it half-done), then map and deliver per document. Every stage is on the timeline; each step is
/// idempotent, so resuming after a crash never repeats work that finished.
/// </summary>
internal sealed partial class InboundPipeline(
    ITrackingStore store,
    RawArchive archive,
    ProfileReloader profiles,
    ControlNumberSequencer controlNumbers,
    IInterchangeRegister register,
    ReferencesInFlight referencesInFlight,
    BackendDelivery delivery,
    DocumentMapper mapper,
    AcknowledgmentReconciler reconciler,
    OutboundSignal outboundSignal,
    ShipmentNotices shipmentNotices,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<InboundPipeline> log)
{
    /// <summary>
    /// From this many documents a parse stage commits its acknowledgments first and its documents just after (staged
    /// in a file meanwhile), so a large interchange's 997 does not wait for thousands of documents' indexes. Below it
    /// the one commit is short.
    /// </summary>
    internal const int StageAheadDocuments = 500;

    /// <summary>Takes receipts as far as they can go now; files arriving together share one store commit and one fsync per journal.</summary>
    public async Task ProcessAsync(IReadOnlyList<string> receiptIds, CancellationToken cancellationToken)
    {
        var receipts = receiptIds.Select(store.FindReceipt).OfType<ReceiptRecord>().ToList();
        var parsed = new Dictionary<string, List<DocumentRecord>>(StringComparer.Ordinal);
        var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var toParse = receipts.Where(r => r.Stage == ReceiptStage.Received).ToList();
        if (toParse.Count > 0)
        {
            var documents = new List<DocumentRecord>();
            var outbound = new List<OutboundRecord>();
            try
            {
                // Control numbers and duplicate registrations reach the disk once for the batch, before any acknowledgment can be sent.
                using (JournalBatch.Begin())
                {
                    foreach (var receipt in toParse)
                    {
                        byte[] content = archive.Read(receipt.Id);
                        var (receiptDocuments, receiptOutbound) = ParseStage(receipt, content);
                        parsed[receipt.Id] = receiptDocuments;
                        contents[receipt.Id] = content;
                        documents.AddRange(receiptDocuments);
                        outbound.AddRange(receiptOutbound);
                    }
                }
                if (documents.Count >= StageAheadDocuments)
                {
                    var staged = store.SaveStageAhead(toParse, documents, outbound);
                    CrashPoints.Reach("after-acknowledgment-commit");
                    outboundSignal.Notify();
                    store.CommitStaged(staged);
                }
                else
                {
                    store.SaveStage(toParse, documents, outbound);
                }
            }
            finally
            {
                referencesInFlight.Release(toParse.Select(r => r.Id));   // committed: the store answers for them now
            }
            foreach (var document in documents)
            {
                LogDocument(document.Id, document.PartnerId ?? "(unknown)", document.Type, document.ControlNumber, document.Status);
                metrics.Parsed(document);
            }
            CrashPoints.Reach("after-parse-commit");
            outboundSignal.Notify();
        }
        var toDeliver = receipts.Where(r => r.Stage is ReceiptStage.Parsed or ReceiptStage.Acknowledged).ToList();
        foreach (var receipt in toDeliver.Where(r => r.DocumentsStaged))
        {
            store.CommitStaged(receipt);   // a crash came between its acknowledgments' commit and its documents'
        }
        if (toDeliver.Count > 0)
        {
            // One set of document objects for both steps: delivery saves them again, ship notice steps included.
            var documentsOf = toDeliver.ToDictionary(
                r => r.Id,
                r => (IReadOnlyList<DocumentRecord>?)parsed.GetValueOrDefault(r.Id) ?? store.DocumentsOf(r.Id),
                StringComparer.Ordinal);
            SendShipNotices(documentsOf, contents);
            var waiting = toDeliver.ToDictionary(
                r => r.Id,
                r => (IReadOnlyList<DocumentRecord>)documentsOf[r.Id].Where(BackendDelivery.IsWaiting).ToList(),
                StringComparer.Ordinal);
            foreach (var receipt in toDeliver)
            {
                receipt.Stage = ReceiptStage.Done;
                AddEvent(receipt.Timeline, "Done", "every document is delivered, finished, or scheduled for retry");
            }
            // Files parsed just now are still in memory; resumed ones are read from the archive.
            await delivery.DeliverAsync(waiting, toDeliver, id => contents.GetValueOrDefault(id) ?? archive.Read(id), cancellationToken);
        }
    }

    /// <summary>
    /// A 3PL's valid 945 becomes the customer's ship notice before it is delivered. The 945's id keys the notice and the
    /// timeline's ShipNotice step marks it done, so a receipt resumed after a crash never sends a second one.
    /// </summary>
    private void SendShipNotices(Dictionary<string, IReadOnlyList<DocumentRecord>> documentsOf, Dictionary<string, byte[]> contents)
    {
        var noted = new List<DocumentRecord>();
        foreach (var (receiptId, documents) in documentsOf)
        {
            foreach (var document in documents.Where(NeedsShipNotice))
            {
                if (!contents.TryGetValue(receiptId, out byte[]? content))
                {
                    contents[receiptId] = content = archive.Read(receiptId);   // resumed: delivery reads it from here too
                }
                if (shipmentNotices.From945(document, content) is { } summary)
                {
                    AddEvent(document.Timeline, "ShipNotice", summary);
                    noted.Add(document);
                }
            }
        }
        if (noted.Count > 0)
        {
            store.SaveAll(noted);
        }
    }

    private static bool NeedsShipNotice(DocumentRecord document) =>
        document.Type == "945"
        && document.Status is DocumentStatus.Validated or DocumentStatus.Acknowledged or DocumentStatus.Mapped or DocumentStatus.Retrying or DocumentStatus.Delivered
        && !document.Timeline.Any(t => t.Step == "ShipNotice");

    /// <summary>Notes on the receipt's timeline that it failed and is tried once more; its stage stays as recorded.</summary>
    public void MarkRetrying(string receiptId, Exception exception, TimeSpan delay)
    {
        if (store.FindReceipt(receiptId) is { } receipt)
        {
            AddEvent(receipt.Timeline, "Retry", $"processing failed ({exception.GetType().Name}: {exception.Message}); trying once more in {delay.TotalSeconds:0} s before dead-lettering it");
            store.Save(receipt);
        }
    }

    /// <summary>
    /// Records that a receipt could not be processed (a fault of ours, not of the file), so that support sees it in
    /// <c>gateway track list --status DeadLettered</c> instead of it being retried silently at every start.
    /// </summary>
    public void MarkFailed(string receiptId, Exception exception)
    {
        if (store.FindReceipt(receiptId) is not { } receipt)
        {
            return;
        }
        string reason = $"processing failed ({exception.GetType().Name}: {exception.Message}); once the cause is fixed: gateway track reprocess {receiptId}";
        receipt.Error = reason;
        receipt.Stage = ReceiptStage.Done;
        AddEvent(receipt.Timeline, "Failed", reason);
        var document = NewDocument(receipt, $"{receipt.Id}-0", "(failed)");
        document.Status = DocumentStatus.DeadLettered;
        document.Issues.Add(reason);
        AddEvent(document.Timeline, "DeadLettered", reason);
        store.SaveAll([document], [receipt]);
        metrics.ProcessingFailed(document);
    }

    private (List<DocumentRecord> Documents, List<OutboundRecord> Outbound) ParseStage(ReceiptRecord receipt, byte[] content)
    {
        using var scope = log.BeginScope(new Dictionary<string, object> { ["TrackingId"] = receipt.Id });
        var documents = new List<DocumentRecord>();
        var outbound = new List<OutboundRecord>();
        receipt.Interchanges.Clear();
        var standard = EdiSyntaxDetector.Detect(content);
        receipt.Standard = standard switch { EdiSyntax.X12 => "X12", EdiSyntax.Edifact => "EDIFACT", _ => null };
        try
        {
            switch (standard)
            {
                case EdiSyntax.X12:
                    ParseX12(receipt, content, documents, outbound);
                    break;
                case EdiSyntax.Edifact:
                    ParseEdifact(receipt, content, documents, outbound);
                    break;
                default:
                    RejectFile(receipt, documents, "neither an X12 interchange (ISA) nor an EDIFACT one (UNA/UNB) starts in the first 4 KiB; ask the sender what they sent");
                    break;
            }
        }
        catch (EdiFormatException exception)
        {
            referencesInFlight.Release([receipt.Id]);   // its documents so far are dropped: they must not hold back others
            documents.Clear();
            outbound.Clear();
            receipt.Interchanges.Clear();
            RejectFile(receipt, documents, $"not readable as EDI: {exception.Message}");
        }
        KeepDelivered(receipt, documents);
        receipt.Stage = ReceiptStage.Acknowledged;
        AddEvent(receipt.Timeline, "Parsed", $"{documents.Count} document(s) in {receipt.Interchanges.Count} interchange(s); {outbound.Count} acknowledgment(s) queued");
        return (documents, outbound);
    }

    // A reprocessed receipt re-creates its documents under the same ids; one already delivered stays as it was.
    private void KeepDelivered(ReceiptRecord receipt, List<DocumentRecord> documents)
    {
        if (!receipt.Timeline.Any(t => t.Step == "Reprocess"))
        {
            return;   // first time through: nothing delivered yet
        }
        var delivered = store.DocumentsOf(receipt.Id).Where(d => d.Status == DocumentStatus.Delivered).ToDictionary(d => d.Id, StringComparer.Ordinal);
        for (int i = 0; i < documents.Count; i++)
        {
            if (delivered.TryGetValue(documents[i].Id, out var earlier))
            {
                AddEvent(earlier.Timeline, "Reprocess", "already delivered: left as it was");
                documents[i] = earlier;
            }
        }
    }

    private void RejectFile(ReceiptRecord receipt, List<DocumentRecord> documents, string reason)
    {
        receipt.Error = reason;
        var document = NewDocument(receipt, $"{receipt.Id}-0", "(unreadable)");
        document.Status = DocumentStatus.Rejected;
        document.Issues.Add(reason);
        AddEvent(document.Timeline, "Rejected", reason);
        documents.Add(document);
    }

    private static DocumentRecord NewDocument(ReceiptRecord receipt, string id, string type) => new()
    {
        Id = id,
        ReceiptId = receipt.Id,
        Type = type,
        Standard = receipt.Standard ?? "",
        ReceivedAt = receipt.ReceivedAt,
        Status = DocumentStatus.Parsed,
    };

    private void AddEvent(List<TimelineEvent> timeline, string step, string message) =>
        timeline.Add(new TimelineEvent { At = time.GetUtcNow(), Step = step, Message = message });

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {TrackingId} from {PartnerId}: {DocumentType} {ControlNumber} is {Status}")]
    private partial void LogDocument(string trackingId, string partnerId, string documentType, string controlNumber, DocumentStatus status);
}
