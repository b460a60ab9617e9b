using System.Security.Cryptography;
using System.Threading.Channels;
using Gateway.Host.Pipeline;
using Gateway.Host.Tracking;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Intake;

/// <summary>
/// The one door into the gateway: archive the bytes durably, record the receipts, queue them for the pipeline, and
/// only then let the transport acknowledge (move the file, send the MDN, delete the remote copy). Files arriving
/// together share one folder flush and one store commit.
/// </summary>
internal sealed partial class DurableIntake(RawArchive archive, ITrackingStore store, PipelineQueue queue, TimeProvider time, ILogger<DurableIntake> log)
{
    private readonly Lock _gate = new();
    private readonly Channel<(IntakeRequest Request, TaskCompletionSource<string> Done)> _waiting = Channel.CreateUnbounded<(IntakeRequest, TaskCompletionSource<string>)>();
    private int _committerStarted;

    /// <summary>Makes the tracking id of a receipt received at a time; a test replaces it to force repeats.</summary>
    internal Func<DateTimeOffset, string> NewReceiptId { get; init; } = ReceiptIds.New;

    /// <summary>
    /// Takes one file in for a transport that answers one request at a time (AS2): requests arriving together are
    /// committed together (one round of fsyncs, one store commit), so a busy partner listener does not queue behind
    /// one fsync per message. Completes once the file is safe.
    /// </summary>
    public Task<string> AcceptAsync(IntakeRequest request)
    {
        var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting.Writer.TryWrite((request, done));
        if (Interlocked.Exchange(ref _committerStarted, 1) == 0)
        {
            _ = Task.Run(CommitWaitingAsync);
        }
        return done.Task;
    }

    private async Task CommitWaitingAsync()
    {
        var batch = new List<(IntakeRequest Request, TaskCompletionSource<string> Done)>();
        while (await _waiting.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < 256 && _waiting.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }
            try
            {
                var ids = AcceptAll([.. batch.Select(b => b.Request)]);
                for (int i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.SetResult(ids[i]);
                }
            }
            catch (Exception exception)
            {
                // Nothing of this batch is acknowledged: each request fails, and its partner sends again.
                foreach (var (_, done) in batch)
                {
                    done.SetException(exception);
                }
            }
        }
    }

    /// <summary>Takes one file in; returns its tracking id once it is safe.</summary>
    public string Accept(IntakeRequest request) => AcceptAll([request])[0];

    /// <summary>
    /// Takes files in; returns their tracking ids, in order, once all are safe. A source handed over again (the crash
    /// came after intake but before the transport acknowledged) gives its first receipt's id.
    /// </summary>
    public IReadOnlyList<string> AcceptAll(IReadOnlyList<IntakeRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var ids = new string[requests.Count];
        var fresh = new List<ReceiptRecord>();
        var quarantined = new List<DocumentRecord>();
        var contents = new List<byte[]>();
        CrashPoints.Reach("after-receive");
        lock (_gate)
        {
            var batch = new Dictionary<string, string>(StringComparer.Ordinal);
            var issued = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < requests.Count; i++)
            {
                var request = requests[i];
                string sha256 = Convert.ToHexStringLower(SHA256.HashData(request.Content));
                string sourceKey = $"{request.SourceKey}:{sha256}";
                string? same = batch.GetValueOrDefault(sourceKey) ?? store.FindReceiptBySource(sourceKey)?.Id;
                if (same is not null)
                {
                    ids[i] = same;
                    LogAlreadyReceived(same, request.Transport);
                    continue;
                }
                var now = time.GetUtcNow();
                var receipt = new ReceiptRecord
                {
                    Id = UniqueReceiptId(now, issued),
                    ReceivedAt = now,
                    Transport = request.Transport,
                    TransportPartnerId = request.PartnerId,
                    OriginalName = request.OriginalName,
                    SourceKey = sourceKey,
                    Bytes = request.Content.Length,
                    Sha256 = sha256,
                    Stage = ReceiptStage.Received,
                };
                receipt.Timeline.Add(new TimelineEvent { At = now, Step = "Received", Message = $"{request.Content.Length:N0} bytes over {request.Transport} as '{request.OriginalName}', archived" });
                if (request.QuarantineReason is { } reason)
                {
                    quarantined.Add(Quarantine(receipt, reason, now));
                }
                batch.Add(sourceKey, receipt.Id);
                fresh.Add(receipt);
                contents.Add(request.Content);
                ids[i] = receipt.Id;
            }
            archive.WriteAll(fresh, contents);
            CrashPoints.Reach("after-archive");
            if (quarantined.Count > 0)
            {
                store.SaveAll(quarantined, fresh);
            }
            else
            {
                store.SaveAll(fresh);
            }
            CrashPoints.Reach("after-receipt-record");
        }
        foreach (var receipt in fresh.Where(r => r.Stage == ReceiptStage.Received))
        {
            queue.Enqueue(receipt.Id);
            LogReceived(receipt.Id, receipt.TransportPartnerId ?? "(shared inbox)", receipt.Transport, receipt.Bytes);
        }
        return ids;
    }

    // An id has 24 random bits per millisecond, and files taken in together share milliseconds: a repeat is rare (about
    // once per million files received in bursts) but would overwrite another receipt's archive file and record. The
    // archive holds every receipt the store does (it is written first and purged last), and some the store lost.
    private string UniqueReceiptId(DateTimeOffset now, HashSet<string> issued)
    {
        string id;
        do
        {
            id = NewReceiptId(now);
        }
        while (!issued.Add(id) || File.Exists(archive.PathOf(id)));
        return id;
    }

    /// <summary>At start: rebuilds receipts the store lost (archived, but the crash came before the record) and queues every unfinished one.</summary>
    public (int Rebuilt, int Resumed) Recover()
    {
        var rebuilt = new List<ReceiptRecord>();
        lock (_gate)
        {
            foreach (var receipt in archive.RecentUnknown(id => store.FindReceipt(id) is not null))
            {
                receipt.Stage = ReceiptStage.Received;
                receipt.Timeline.Add(new TimelineEvent { At = time.GetUtcNow(), Step = "Received", Message = "rebuilt from the archive after a restart" });
                rebuilt.Add(receipt);
            }
            store.SaveAll(rebuilt);
        }
        var unfinished = store.UnfinishedReceipts();
        foreach (var receipt in unfinished)
        {
            queue.Enqueue(receipt.Id);
        }
        return (rebuilt.Count, unfinished.Count);
    }

    // What a transport refused is kept and findable (track list --status Quarantined), never parsed or forwarded.
    private static DocumentRecord Quarantine(ReceiptRecord receipt, string reason, DateTimeOffset now)
    {
        receipt.Stage = ReceiptStage.Done;
        receipt.Error = $"quarantined: {reason}";
        receipt.Timeline.Add(new TimelineEvent { At = now, Step = "Quarantined", Message = reason });
        var document = new DocumentRecord
        {
            Id = receipt.Id + "-0-0",
            ReceiptId = receipt.Id,
            Standard = "",
            Type = receipt.Transport,
            ReceivedAt = now,
            Status = DocumentStatus.Quarantined,
            Issues = [reason],
        };
        document.Timeline.Add(new TimelineEvent { At = now, Step = "Quarantined", Message = $"{reason}; the original is archived as {receipt.Id} (gateway track show {receipt.Id})" });
        return document;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Received {TrackingId} from {PartnerId} over {Transport} ({Bytes} bytes)")]
    private partial void LogReceived(string trackingId, string partnerId, string transport, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Already received as {TrackingId} over {Transport}; acknowledging the source again")]
    private partial void LogAlreadyReceived(string trackingId, string transport);
}
