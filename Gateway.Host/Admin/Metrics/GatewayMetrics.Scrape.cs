using Gateway.Host.Pipeline;
using Gateway.Host.Tracking;
using Microsoft.AspNetCore.Http;
using Prometheus;

namespace Gateway.Host.Admin.Metrics;

internal sealed partial class GatewayMetrics
{
    // The backlog gauges stop counting here: past it, the number matters less than that it is large.
    private const int GaugeLimit = 50_000;

    private readonly ITrackingStore _store;
    private readonly PipelineQueue _queue;
    private readonly Gauge _deliveryBacklog;
    private readonly Gauge _outboundQueued;
    private readonly Gauge _pipelineQueue;
    private readonly Gauge _acksAwaited;
    private readonly Gauge _acksOverdue;
    private readonly Gauge _ackOldestAge;
    private readonly Lock _scrape = new();

    /// <summary>Counts the gauges from the tracking store, then writes every metric in the text exposition format 0.0.4.</summary>
    private async Task WriteAsync(HttpContext context)
    {
        // Two scrapes at once must not interleave their removal of emptied series.
        lock (_scrape)
        {
            CountGauges();
        }
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await _registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
    }

    private void CountGauges()
    {
        var now = _time.GetUtcNow();
        _pipelineQueue.Set(_queue.Waiting);
        Publish(_deliveryBacklog, _store.AwaitingDelivery(GaugeLimit)
            .CountBy(d => (MetricLabels.Partner(d.PartnerId), MetricLabels.Type(d.PartnerId, d.Type), d.Status.ToString()))
            .Select(c => (new[] { c.Key.Item1, c.Key.Item2, c.Key.Item3 }, (double)c.Value)));
        Publish(_outboundQueued, _store.QueuedOutboundSummary(GaugeLimit)
            .CountBy(o => (MetricLabels.Partner(o.PartnerId), MetricLabels.Transport(o.Transport)))
            .Select(c => (new[] { c.Key.Item1, c.Key.Item2 }, (double)c.Value)));
        // Waiting ones past their deadline are marked overdue within the minute: a day back leaves ample margin.
        var awaited = _store.AwaitedAcknowledgments(now.AddDays(-1), GaugeLimit).GroupBy(a => MetricLabels.Partner(a.PartnerId)).ToList();
        Publish(_acksAwaited, awaited.Select(g => (new[] { g.Key }, (double)g.Count(a => !a.Overdue))));
        Publish(_acksOverdue, awaited.Select(g => (new[] { g.Key }, (double)g.Count(a => a.Overdue))));
        Publish(_ackOldestAge, awaited.Select(g => (new[] { g.Key }, Math.Max(0, (now - g.Min(a => a.SentAt)).TotalSeconds))));
    }

    // Sets each series, and removes those that no longer have anything to count (a partner whose backlog emptied).
    private static void Publish(Gauge gauge, IEnumerable<(string[] Labels, double Value)> values)
    {
        var current = values.ToDictionary(v => string.Join('\u001f', v.Labels), StringComparer.Ordinal);
        foreach (string[] labels in gauge.GetAllLabelValues().ToList())
        {
            if (!current.ContainsKey(string.Join('\u001f', labels)))
            {
                gauge.RemoveLabelled(labels);
            }
        }
        foreach (var (labels, value) in current.Values)
        {
            gauge.WithLabels(labels).Set(value);
        }
    }
}
