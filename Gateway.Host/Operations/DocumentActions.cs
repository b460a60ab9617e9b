using System.Text.Json.Nodes;
using Gateway.Host.Delivery;
using Gateway.Host.Outbound;
using Gateway.Host.Pipeline;
using Gateway.Host.Tracking;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Operations;

/// <summary>
/// What support staff may do to a stuck document or a sent one, shared by the console, the admin API and
/// <c>gateway track reprocess</c> (through <see cref="Jobs.ReprocessRequestJob"/>). Each action says in one sentence
/// what it did, or why it does not apply to the record's state. Safe while the pipeline runs: actions on documents
/// take turns (one at a time, like the Quartz job they replace), reread the record before changing it, and hand
/// receipts to the pipeline's own queue instead of parsing beside it; a delivery that races the retry job cannot
/// create a second back-end effect, because every call keeps its idempotency key.
/// </summary>
internal sealed partial class DocumentActions(ITrackingStore store, PipelineQueue queue, BackendDelivery delivery, OutboundSignal outboundSignal, TimeProvider time, ILogger<DocumentActions> log) : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>The steps a replay can start from, as the console and API name them.</summary>
    public static IReadOnlyList<string> StepNames { get; } = ["delivery", "map", "parse"];

    public static bool TryParseStep(string? text, out ReplayStep step)
    {
        foreach (var candidate in Enum.GetValues<ReplayStep>())
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                step = candidate;
                return true;
            }
        }
        step = default;
        return false;
    }

    /// <summary>
    /// What <c>gateway track reprocess ID</c> does: a dead-lettered or retrying document has its failed calls made
    /// again (delivered ones stay delivered); a Held document (a repeated PO number) is released as a change and
    /// delivered; anything else, or a receipt id, runs its receipt again from the archive (delivered documents stay
    /// delivered).
    /// </summary>
    public Task<DocumentActionResult> ReprocessAsync(string id, string actor, CancellationToken cancellationToken) =>
        InTurnAsync(async () =>
        {
            var document = store.FindDocument(id);
            if (document is { Status: DocumentStatus.DeadLettered or DocumentStatus.Retrying })
            {
                return await RedeliverAsync(document, null, "Reprocess", $"delivery restarted by {actor}", actor, cancellationToken);
            }
            if (document is { Status: DocumentStatus.Held })
            {
                // A person compared it with the earlier document and lets it through as a change.
                document.Status = DocumentStatus.Validated;
                Add(document.Timeline, "Released", $"released by {actor}: sent on as a change of the earlier document");
                store.Save(document);
                LogAction(id, "release", actor);
                await delivery.DeliverAsync(document, cancellationToken);
                return DocumentActionResult.Done($"{id} was released as a change of the earlier document: {Describe(document)}", document.Status.ToString());
            }
            return RunReceiptAgain(document?.ReceiptId ?? id, actor, document);
        }, cancellationToken);

    /// <summary>
    /// Replays a document from a pipeline step. Every back-end call keeps its idempotency key, and a call the back end
    /// accepted is never made again, so no replay can create a second order:
    /// <list type="bullet">
    /// <item><c>delivery</c>: the calls still pending or failed are made again (bodies as mapped now, or as a person
    /// corrected them); for documents waiting for or failing delivery only.</item>
    /// <item><c>map</c>: the document is mapped again from the archive with the live maps, corrected bodies are
    /// dropped, then the calls not yet delivered are made; a call the new map adds is made under its own new key, one
    /// it no longer makes is skipped. For documents waiting for or failing delivery only.</item>
    /// <item><c>parse</c>: the whole receipt again from the archive (identify, check, validate, acknowledge, map,
    /// deliver), as <see cref="ReprocessAsync"/> does for a receipt: documents already delivered stay as they were,
    /// the others are made anew under the same ids and keys. Any state.</item>
    /// </list>
    /// </summary>
    public Task<DocumentActionResult> ReplayFromAsync(string id, ReplayStep step, string actor, CancellationToken cancellationToken) =>
        InTurnAsync(async () =>
        {
            var document = store.FindDocument(id);
            if (step == ReplayStep.Parse)
            {
                return RunReceiptAgain(document?.ReceiptId ?? id, actor, document);
            }
            if (document is null)
            {
                return store.FindReceipt(id) is null
                    ? DocumentActionResult.NotFound(id)
                    : DocumentActionResult.Refused($"{id} is a receipt: replay its documents from {StepNames[(int)step]} one by one, or the receipt from parse.", null);
            }
            if (WhyNotDeliverable(document) is { } reason)
            {
                return DocumentActionResult.Refused(reason, document.Status.ToString());
            }
            if (step == ReplayStep.Map)
            {
                foreach (var call in document.Calls.Where(c => c.Status != BackendCallStatus.Delivered))
                {
                    call.BodyOverride = null;
                }
                return await RedeliverAsync(document, null, "Replay", $"mapped again from the archive with the live maps by {actor}; delivered calls stay delivered, the others go with their same keys", actor, cancellationToken);
            }
            return await RedeliverAsync(document, null, "Replay", $"delivery replayed by {actor}: the pending and failed calls again, with their same keys", actor, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// What <c>gateway track reprocess ID --call NAME --body FILE</c> does: <paramref name="body"/> replaces the body of
    /// call <paramref name="callName"/> (or of the first call not delivered) of a dead-lettered or retrying document,
    /// and the replay sends it with the call's same idempotency key.
    /// </summary>
    public Task<DocumentActionResult> FixAndReplayAsync(string id, string? callName, JsonObject body, string actor, CancellationToken cancellationToken) =>
        InTurnAsync(async () =>
        {
            if (store.FindDocument(id) is not { } document)
            {
                return DocumentActionResult.NotFound(id);
            }
            if (document.Status is not (DocumentStatus.DeadLettered or DocumentStatus.Retrying))
            {
                return DocumentActionResult.Refused($"{id} is {document.Status}: a corrected body replays the call of a dead-lettered or retrying document only.", document.Status.ToString());
            }
            var call = callName is null
                ? document.Calls.FirstOrDefault(c => c.Status is BackendCallStatus.Failed or BackendCallStatus.Pending)
                : document.Calls.FirstOrDefault(c => c.Name == callName);
            if (call is null)
            {
                return DocumentActionResult.Refused(callName is null
                    ? $"{id} has no failed or pending call to correct."
                    : $"{id} has no call named '{callName}'; its calls: {string.Join(", ", document.Calls.Select(c => c.Name))}.", document.Status.ToString());
            }
            if (call.Status == BackendCallStatus.Delivered)
            {
                return DocumentActionResult.Refused($"{call.Name} of {id} is already delivered (key {call.IdempotencyKey}): the back end has it, and a corrected body under the same key would change nothing there.", document.Status.ToString());
            }
            return await RedeliverAsync(document, (call.Name, body.ToJsonString()), "Reprocess", $"delivery restarted by {actor}", actor, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// Puts an outbound record back in the sending queue: the same file content and the same control numbers (the
    /// partner's duplicate check may flag it, which is what a resend is), over the same transport; an AS2 resend gets
    /// a new Message-ID, since a partner answers a repeated one with its first MDN and does not process it again.
    /// </summary>
    public DocumentActionResult Resend(string id, string actor)
    {
        if (store.FindOutbound(id) is not { } outbound)
        {
            return DocumentActionResult.NotFound(id);
        }
        if (outbound.Status == "Queued")
        {
            return DocumentActionResult.Refused($"{id} is already queued ({outbound.Attempts} attempt(s) so far{(outbound.NextAttemptAt is { } next ? $", next at {next.UtcDateTime:HH:mm:ss} UTC" : "")}): the sender takes it without a resend.", outbound.Status);
        }
        string? earlierMessageId = outbound.TransportMessageId;
        (outbound.Status, outbound.Attempts, outbound.NextAttemptAt, outbound.LastError) = ("Queued", 0, null, null);
        (outbound.TransportMessageId, outbound.ExpectedMic, outbound.TransportReceipt, outbound.TransportAcknowledgedAt, outbound.TransportReceiptDueAt) = (null, null, null, null, null);
        Add(outbound.Timeline, "Resend", $"put back in the queue by {actor}: the same file content ({outbound.Content.Length:N0} bytes), the same control number {outbound.ControlNumber}"
            + (earlierMessageId is null ? "" : $", under a new AS2 Message-ID (the earlier one was {earlierMessageId})"));
        store.Save(outbound);
        LogAction(id, "resend", actor);
        outboundSignal.Notify();
        return DocumentActionResult.Done($"{outbound.Kind} {outbound.ControlNumber} to {outbound.PartnerId} is queued again over {outbound.Transport}: same content, same control number.", outbound.Status);
    }

    public void Dispose() => _turn.Dispose();

    // Why delivery cannot be replayed for the document, or null when it can.
    private static string? WhyNotDeliverable(DocumentRecord document) => document.Status switch
    {
        _ when (document.Map ?? document.Endpoint) is null => $"{document.Id} makes no back-end call (its agreement has neither map nor endpoint): replay it from parse once the profile names one.",
        DocumentStatus.Delivered => $"Every call of {document.Id} is delivered: a replay would send nothing, since a delivered call is never made twice.",
        DocumentStatus.Held => $"{document.Id} is Held as a repeat of an earlier PO number: Reprocess releases it as a change.",
        DocumentStatus.DeadLettered or DocumentStatus.Retrying or DocumentStatus.Mapped or DocumentStatus.Validated or DocumentStatus.Acknowledged => null,
        _ => $"{document.Id} is {document.Status}: it never reached delivery; replay it from parse once the cause is fixed.",
    };

    private async Task<DocumentActionResult> RedeliverAsync(DocumentRecord document, (string Call, string Body)? correction, string step, string message, string actor, CancellationToken cancellationToken)
    {
        document.Attempts = 0;
        if (document.Status is DocumentStatus.DeadLettered or DocumentStatus.Retrying)
        {
            document.Status = DocumentStatus.Mapped;
        }
        foreach (var call in document.Calls.Where(c => c.Status == BackendCallStatus.Failed))
        {
            (call.Status, call.Attempts) = (BackendCallStatus.Pending, 0);
        }
        if (correction is { } fix && document.Calls.FirstOrDefault(c => c.Name == fix.Call) is { } corrected)
        {
            (corrected.BodyOverride, corrected.Status) = (fix.Body, BackendCallStatus.Pending);
            Add(document.Timeline, "Corrected", $"{actor} replaced the body of {corrected.Name}; the replay sends it with the same key");
        }
        Add(document.Timeline, step, message);
        store.Save(document);
        LogAction(document.Id, correction is null ? step : "fix-and-replay", actor);
        await delivery.DeliverAsync(document, cancellationToken);
        return DocumentActionResult.Done($"{document.Id}: {Describe(document)}", document.Status.ToString());
    }

    private DocumentActionResult RunReceiptAgain(string receiptId, string actor, DocumentRecord? document)
    {
        if (store.FindReceipt(receiptId) is not { } receipt)
        {
            return DocumentActionResult.NotFound(document?.Id ?? receiptId);
        }
        receipt.Stage = ReceiptStage.Received;
        receipt.Error = null;
        Add(receipt.Timeline, "Reprocess", $"run again from the archive by {actor}; delivered documents stay delivered");
        store.Save(receipt);
        LogAction(receiptId, "receipt", actor);
        queue.Enqueue(receiptId);
        return DocumentActionResult.Done($"The receipt {receiptId} runs again from the archive within seconds; delivered documents stay delivered, the others are made anew under the same ids and keys.", document?.Status.ToString());
    }

    // After a delivery attempt: where the document stands, in words.
    private static string Describe(DocumentRecord document) => document.Status switch
    {
        DocumentStatus.Delivered => "delivered (every call accepted)",
        DocumentStatus.DeadLettered => $"dead-lettered again: {document.LastResponse}",
        DocumentStatus.Retrying => $"retrying at {document.NextAttemptAt:HH:mm:ss} UTC: {document.LastResponse}",
        var status => status.ToString(),
    };

    private async Task<DocumentActionResult> InTurnAsync(Func<Task<DocumentActionResult>> action, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            return await action();
        }
        finally
        {
            _turn.Release();
        }
    }

    private void Add(List<TimelineEvent> timeline, string step, string message) =>
        timeline.Add(new TimelineEvent { At = time.GetUtcNow(), Step = step, Message = message });

    [LoggerMessage(Level = LogLevel.Information, Message = "Reprocessing {TrackingId} ({What}) for {Actor}")]
    private partial void LogAction(string trackingId, string what, string actor);
}
