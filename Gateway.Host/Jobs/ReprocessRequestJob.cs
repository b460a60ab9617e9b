using Gateway.Host.Configuration;
using Gateway.Host.Delivery;
using Gateway.Host.Pipeline;
using Gateway.Host.Tracking;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Gateway.Host.Jobs;

/// <summary>
/// Carries out <c>gateway track reprocess ID</c>: the command drops a request file under <c>DATA/requests/</c> (it
/// cannot write the store the running service holds); this job resets the receipt or document and queues it.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class ReprocessRequestJob(ITrackingStore store, PipelineQueue queue, BackendDelivery delivery, GatewaySettings settings, TimeProvider time, ILogger<ReprocessRequestJob> log) : IJob
{
    public const string Suffix = ".reprocess";

    public static string RequestsDirectory(GatewaySettings settings) => Path.Combine(settings.DataDirectory, "requests");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        string directory = RequestsDirectory(settings);
        if (!Directory.Exists(directory))
        {
            return;
        }
        foreach (string file in Directory.EnumerateFiles(directory, "*" + Suffix))
        {
            string id = Path.GetFileName(file)[..^Suffix.Length];
            await ReprocessAsync(id, cancellationToken);
            File.Delete(file);
        }
    }

    private async Task ReprocessAsync(string id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (store.FindDocument(id) is { Status: DocumentStatus.DeadLettered or DocumentStatus.Retrying } document)
        {
            document.Attempts = 0;
            document.Status = DocumentStatus.Mapped;
            foreach (var call in document.Calls.Where(c => c.Status == BackendCallStatus.Failed))
            {
                (call.Status, call.Attempts) = (BackendCallStatus.Pending, 0);
            }
            document.Timeline.Add(new TimelineEvent { At = now, Step = "Reprocess", Message = "delivery restarted by an operator" });
            store.Save(document);
            LogReprocess(id, "delivery");
            await delivery.DeliverAsync(document, cancellationToken);
            return;
        }
        string receiptId = store.FindDocument(id)?.ReceiptId ?? id;
        if (store.FindReceipt(receiptId) is not { } receipt)
        {
            LogUnknown(id);
            return;
        }
        receipt.Stage = ReceiptStage.Received;
        receipt.Error = null;
        receipt.Timeline.Add(new TimelineEvent { At = now, Step = "Reprocess", Message = "run again from the archive by an operator; delivered documents stay delivered" });
        store.Save(receipt);
        LogReprocess(receiptId, "receipt");
        queue.Enqueue(receiptId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reprocessing {TrackingId} ({What})")]
    private partial void LogReprocess(string trackingId, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reprocess request for {TrackingId}: no such receipt or document")]
    private partial void LogUnknown(string trackingId);
}
