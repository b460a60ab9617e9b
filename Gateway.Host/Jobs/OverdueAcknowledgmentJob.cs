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
        // Each record is marked as stored now, not as listed: an acknowledgment or MDN may come in meanwhile (the alerts
        // between take a while), and a late one must settle the document, not be undone by an old copy.
        foreach (var due in store.AcknowledgmentsDue(now, 500))
        {
            if (store.Update(due.Id, current => MarkAcknowledgmentOverdue(current, now)) is { } document)
            {
                await alerts.RaiseAsync("acknowledgment-overdue", document.PartnerId, $"{document.Kind} {document.ControlNumber} ({document.Id})",
                    $"no 997/999/CONTRL since it was queued at {document.CreatedAt:yyyy-MM-dd HH:mm} UTC (due {document.AcknowledgmentDueAt:yyyy-MM-dd HH:mm} UTC); ask {document.PartnerId} whether they received it, and resend if not (gateway track show {document.Id})",
                    cancellationToken);
            }
        }
        foreach (var due in store.TransportReceiptsDue(now, 500))
        {
            if (store.Update(due.Id, current => MarkMdnOverdue(current, now)) is { } document)
            {
                await alerts.RaiseAsync("mdn-overdue", document.PartnerId, $"{document.Kind} {document.ControlNumber} ({document.Id})",
                    $"the asynchronous MDN for AS2 message {document.TransportMessageId} has not come; check the partner's MDN URL for us (asyncMdnUrl) with them",
                    cancellationToken);
            }
        }
    }

    // False when it no longer needs marking: its acknowledgment came after it was listed.
    private static bool MarkAcknowledgmentOverdue(OutboundRecord document, DateTimeOffset now)
    {
        if (document.AcknowledgmentStatus is not null || document.AcknowledgmentDueAt is not { } dueAt || dueAt > now)
        {
            return false;
        }
        document.AcknowledgmentStatus = "Overdue";
        document.Timeline.Add(new TimelineEvent { At = now, Step = "Overdue", Message = $"no acknowledgment from {document.PartnerId} by {dueAt:yyyy-MM-dd HH:mm} UTC" });
        return true;
    }

    // False when it no longer needs marking: its MDN came after it was listed.
    private static bool MarkMdnOverdue(OutboundRecord document, DateTimeOffset now)
    {
        if (document.TransportReceiptDueAt is not { } dueAt || dueAt > now)
        {
            return false;
        }
        document.TransportReceiptDueAt = null;
        document.Timeline.Add(new TimelineEvent { At = now, Step = "MdnOverdue", Message = $"no asynchronous MDN for {document.TransportMessageId}" });
        return true;
    }
}
