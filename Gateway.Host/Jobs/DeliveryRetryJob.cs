using Gateway.Host.Delivery;
using Gateway.Host.Tracking;
using Quartz;

namespace Gateway.Host.Jobs;

/// <summary>Makes the next attempt for documents whose retry time has come.</summary>
[DisallowConcurrentExecution]
internal sealed class DeliveryRetryJob(ITrackingStore store, BackendDelivery delivery, TimeProvider time) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        foreach (var document in store.DueForDelivery(time.GetUtcNow(), 200))
        {
            document.Status = DocumentStatus.Mapped;
            await delivery.DeliverAsync(document, cancellationToken);
        }
    }
}
