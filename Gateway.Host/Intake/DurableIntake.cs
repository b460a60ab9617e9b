using System.Security.Cryptography;
using Gateway.Host.Pipeline;
using Gateway.Host.Tracking;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Intake;

/// <summary>
/// The one door into the gateway: archive the bytes durably, record the receipt, queue it for the pipeline, and only
/// then let the transport acknowledge (move the file, send the MDN, delete the remote copy).
/// </summary>
internal sealed partial class DurableIntake(RawArchive archive, ITrackingStore store, PipelineQueue queue, TimeProvider time, ILogger<DurableIntake> log)
{
    private readonly Lock _gate = new();

    /// <summary>Takes a file in; returns its tracking id once it is safe. The same source handed over twice gives the first receipt.</summary>
    public string Accept(IntakeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string sha256 = Convert.ToHexStringLower(SHA256.HashData(request.Content));
        string sourceKey = $"{request.SourceKey}:{sha256}";
        lock (_gate)
        {
            if (store.FindReceiptBySource(sourceKey) is { } earlier)
            {
                LogAlreadyReceived(earlier.Id, request.Transport);
                return earlier.Id;
            }
            var now = time.GetUtcNow();
            var receipt = new ReceiptRecord
            {
                Id = ReceiptIds.New(now),
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
            archive.Write(receipt, request.Content);
            CrashPoints.Reach("after-archive");
            store.Save(receipt);
            CrashPoints.Reach("after-receipt-record");
            queue.Enqueue(receipt.Id);
            LogReceived(receipt.Id, request.PartnerId ?? "(shared inbox)", request.Transport, request.Content.Length);
            return receipt.Id;
        }
    }

    /// <summary>At start: rebuilds receipts the store lost (archived, but the crash came before the record) and queues every unfinished one.</summary>
    public (int Rebuilt, int Resumed) Recover()
    {
        int rebuilt = 0;
        lock (_gate)
        {
            foreach (var receipt in archive.Manifests())
            {
                if (store.FindReceipt(receipt.Id) is null)
                {
                    receipt.Stage = ReceiptStage.Received;
                    receipt.Timeline.Add(new TimelineEvent { At = time.GetUtcNow(), Step = "Received", Message = "rebuilt from the archive after a restart" });
                    store.Save(receipt);
                    rebuilt++;
                }
            }
        }
        var unfinished = store.UnfinishedReceipts();
        foreach (var receipt in unfinished)
        {
            queue.Enqueue(receipt.Id);
        }
        return (rebuilt, unfinished.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Received {TrackingId} from {PartnerId} over {Transport} ({Bytes} bytes)")]
    private partial void LogReceived(string trackingId, string partnerId, string transport, int bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Already received as {TrackingId} over {Transport}; acknowledging the source again")]
    private partial void LogAlreadyReceived(string trackingId, string transport);
}
