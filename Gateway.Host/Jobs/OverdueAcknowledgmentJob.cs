using Gateway.Host.Tracking;
using Quartz;

namespace Gateway.Host.Jobs;

/// <summary>
/// Marks documents whose partner acknowledgment (997/999/CONTRL) did not come by its deadline as Overdue, and
/// asynchronous AS2 MDNs that did not come within the hour, raising one alert for each. An acknowledgment arriving
/// later still settles the document.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class OverdueAcknowledgmentJob(ITrackingStore store, Alerts.Alerts alerts, TimeProvider time) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var document in store.AcknowledgmentsDue(now, 500))
        {
            document.AcknowledgmentStatus = "Overdue";
            document.Timeline.Add(new TimelineEvent { At = now, Step = "Overdue", Message = $"no acknowledgment from {document.PartnerId} by {document.AcknowledgmentDueAt:yyyy-MM-dd HH:mm} UTC" });
            store.Save(document);
            await alerts.RaiseAsync("acknowledgment-overdue", document.PartnerId, $"{document.Kind} {document.ControlNumber} ({document.Id})",
                $"no 997/999/CONTRL since it was queued at {document.CreatedAt:yyyy-MM-dd HH:mm} UTC (due {document.AcknowledgmentDueAt:yyyy-MM-dd HH:mm} UTC); ask {document.PartnerId} whether they received it, and resend if not (gateway track show {document.Id})",
                cancellationToken);
        }
        foreach (var document in store.TransportReceiptsDue(now, 500))
        {
            document.TransportReceiptDueAt = null;
            document.Timeline.Add(new TimelineEvent { At = now, Step = "MdnOverdue", Message = $"no asynchronous MDN for {document.TransportMessageId}" });
            store.Save(document);
            await alerts.RaiseAsync("mdn-overdue", document.PartnerId, $"{document.Kind} {document.ControlNumber} ({document.Id})",
                $"the asynchronous MDN for AS2 message {document.TransportMessageId} has not come; check the partner's MDN URL for us (asyncMdnUrl) with them",
                cancellationToken);
        }
    }
}
