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
            await ReprocessAsync(id, Correction(file), cancellationToken);
            File.Delete(file);
        }
    }

    // A request may carry a corrected body for one call: {"call": NAME or null, "body": {…}}.
    private static (string? Call, string Body)? Correction(string file)
    {
        try
        {
            string text = File.ReadAllText(file);
            return text.Length > 0 && System.Text.Json.Nodes.JsonNode.Parse(text) is System.Text.Json.Nodes.JsonObject request && request["body"] is System.Text.Json.Nodes.JsonObject body
                ? (request["call"]?.GetValue<string>(), body.ToJsonString())
                : null;
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException)
        {
            // The command checked the body; a request edited by hand since is replayed without a correction.
            return null;
        }
    }

    private async Task ReprocessAsync(string id, (string? Call, string Body)? correction, CancellationToken cancellationToken)
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
            if (correction is { } fix && document.Calls.FirstOrDefault(c => fix.Call is null ? c.Status == BackendCallStatus.Pending : c.Name == fix.Call) is { } corrected)
            {
                corrected.BodyOverride = fix.Body;
                corrected.Status = corrected.Status == BackendCallStatus.Delivered ? corrected.Status : BackendCallStatus.Pending;
                document.Timeline.Add(new TimelineEvent { At = now, Step = "Corrected", Message = $"an operator replaced the body of {corrected.Name}; the replay sends it with the same key" });
            }
            document.Timeline.Add(new TimelineEvent { At = now, Step = "Reprocess", Message = "delivery restarted by an operator" });
            store.Save(document);
            LogReprocess(id, "delivery");
            await delivery.DeliverAsync(document, cancellationToken);
            return;
        }
        if (store.FindDocument(id) is { Status: DocumentStatus.Held } held)
        {
            // A person compared it with the earlier document and lets it through as a change.
            held.Status = DocumentStatus.Validated;
            held.Timeline.Add(new TimelineEvent { At = now, Step = "Released", Message = "released by an operator: sent on as a change of the earlier document" });
            store.Save(held);
            LogReprocess(id, "release");
            await delivery.DeliverAsync(held, cancellationToken);
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
