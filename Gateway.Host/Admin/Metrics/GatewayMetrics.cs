using Gateway.Host.Admin.Security;
using Gateway.Host.Configuration;
using Gateway.Host.Pipeline;
using Gateway.Host.Tracking;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace Gateway.Host.Admin.Metrics;

/// <summary>
/// The gateway's Prometheus metrics, served at <c>GET /metrics</c> on the admin listener (text format 0.0.4, an API
/// token of a Viewer). Counters and histograms are fed by one-line hooks where things happen; gauges are counted from
/// the tracking store at scrape time. One registry per host, never the static default: tests run several gateways in
/// one process. docs/metrics.md lists every metric.
/// </summary>
internal sealed partial class GatewayMetrics
{
    private static readonly string[] PartnerType = ["partner", "type"];

    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();
    private readonly Counter _received;
    private readonly Counter _outcomes;
    private readonly Counter _errors;
    private readonly Counter _deliveryRetries;
    private readonly Counter _outboundRetries;
    private readonly Histogram _processing;
    private readonly Histogram _delivery;
    private readonly Histogram _backendCalls;
    private readonly BackendCallStats _callStats;
    private readonly TimeProvider _time;

    public GatewayMetrics(BackendCallStats callStats, ITrackingStore store, PipelineQueue queue, TimeProvider time)
    {
        (_callStats, _store, _queue, _time) = (callStats, store, queue, time);
        var factory = Prometheus.Metrics.WithCustomRegistry(_registry);
        _received = factory.CreateCounter("gateway_documents_received_total", "Inbound documents received (split from their interchange), per partner and type.", PartnerType);
        _outcomes = factory.CreateCounter("gateway_documents_total", "Inbound documents by final outcome: delivered, rejected, quarantined, dead_lettered, duplicate.", ["partner", "type", "outcome"]);
        _errors = factory.CreateCounter("gateway_errors_total", "Errors by stage: validation (document rejected), delivery (a failed delivery round), processing (pipeline fault), send (outbound send failed).", ["partner", "type", "stage"]);
        _deliveryRetries = factory.CreateCounter("gateway_delivery_retries_total", "Delivery rounds that failed transiently and were scheduled again.", PartnerType);
        _outboundRetries = factory.CreateCounter("gateway_outbound_send_retries_total", "Outbound sends (SFTP, email, AS2) that failed and were scheduled again.", ["partner", "transport"]);
        _processing = factory.CreateHistogram("gateway_processing_seconds", "Time from receipt to validated or acknowledged.", PartnerType, new HistogramConfiguration
        {
            Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
        });
        _delivery = factory.CreateHistogram("gateway_delivery_seconds", "Time from receipt to delivered to the back end, retries included.", PartnerType, new HistogramConfiguration
        {
            Buckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 14400, 86400],
        });
        _backendCalls = factory.CreateHistogram("gateway_backend_call_seconds", "Duration of one back-end call (with the endpoint's quick retries inside), per endpoint and outcome.", ["endpoint", "outcome"], new HistogramConfiguration
        {
            Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
        });
        _deliveryBacklog = factory.CreateGauge("gateway_delivery_backlog", "Documents awaiting delivery, by status (Mapped, Retrying).", ["partner", "type", "status"]);
        _outboundQueued = factory.CreateGauge("gateway_outbound_queued", "Outbound documents queued to send, per partner and transport.", ["partner", "transport"]);
        _pipelineQueue = factory.CreateGauge("gateway_pipeline_queue", "Received files waiting for the pipeline or in it.");
        _acksAwaited = factory.CreateGauge("gateway_acknowledgments_awaited", "Documents we sent whose acknowledgment (997, 999, CONTRL) has not come and is not yet overdue.", ["partner"]);
        _acksOverdue = factory.CreateGauge("gateway_acknowledgments_overdue", "Documents we sent whose acknowledgment is overdue.", ["partner"]);
        _ackOldestAge = factory.CreateGauge("gateway_acknowledgment_oldest_age_seconds", "Age since sending of the oldest document whose acknowledgment we still await (overdue ones included).", ["partner"]);
    }

    public static void Add(IServiceCollection services, GatewaySettings settings)
    {
        services.AddSingleton(sp => new BackendCallStats(sp.GetRequiredService<TimeProvider>(), settings));
        services.AddSingleton<GatewayMetrics>();
    }

    public static void Map(WebApplication app) =>
        app.MapGet("/metrics", (HttpContext context) => context.RequestServices.GetRequiredService<GatewayMetrics>().WriteAsync(context))
            .RequireAuthorization(AdminPolicies.ApiViewer)
            .WithTags("Monitoring")
            .WithSummary("Prometheus metrics, text exposition format 0.0.4");

    /// <summary>A document split from its interchange and decided: received, and its outcome when already final.</summary>
    public void Parsed(DocumentRecord document)
    {
        string partner = MetricLabels.Partner(document.PartnerId), type = MetricLabels.Type(document.PartnerId, document.Type);
        _received.WithLabels([partner, type]).Inc();
        switch (document.Status)
        {
            case DocumentStatus.Rejected:
                _outcomes.WithLabels([partner, type, "rejected"]).Inc();
                _errors.WithLabels([partner, type, "validation"]).Inc();
                break;
            case DocumentStatus.Quarantined:
                _outcomes.WithLabels([partner, type, "quarantined"]).Inc();
                break;
            case DocumentStatus.Duplicate:
                _outcomes.WithLabels([partner, type, "duplicate"]).Inc();
                break;
            case DocumentStatus.Validated or DocumentStatus.Acknowledged:
                _processing.WithLabels([partner, type]).Observe(Since(document.ReceivedAt));
                break;
        }
    }

    /// <summary>The pipeline failed on a receipt (a fault of ours): dead-lettered for a person.</summary>
    public void ProcessingFailed(DocumentRecord document)
    {
        string partner = MetricLabels.Partner(document.PartnerId), type = MetricLabels.Type(document.PartnerId, document.Type);
        _outcomes.WithLabels([partner, type, "dead_lettered"]).Inc();
        _errors.WithLabels([partner, type, "processing"]).Inc();
    }

    /// <summary>Every back-end call of the document succeeded.</summary>
    public void Delivered(DocumentRecord document)
    {
        string partner = MetricLabels.Partner(document.PartnerId), type = MetricLabels.Type(document.PartnerId, document.Type);
        _outcomes.WithLabels([partner, type, "delivered"]).Inc();
        _delivery.WithLabels([partner, type]).Observe(Since(document.ReceivedAt));
    }

    /// <summary>A delivery round failed: the document is now Retrying or DeadLettered.</summary>
    public void DeliveryFailed(DocumentRecord document)
    {
        string partner = MetricLabels.Partner(document.PartnerId), type = MetricLabels.Type(document.PartnerId, document.Type);
        _errors.WithLabels([partner, type, "delivery"]).Inc();
        if (document.Status == DocumentStatus.DeadLettered)
        {
            _outcomes.WithLabels([partner, type, "dead_lettered"]).Inc();
        }
        else
        {
            _deliveryRetries.WithLabels([partner, type]).Inc();
        }
    }

    /// <summary>One back-end call to a configured <paramref name="endpoint"/> ended.</summary>
    public void BackendCall(string endpoint, bool succeeded, TimeSpan elapsed)
    {
        _backendCalls.WithLabels([endpoint, succeeded ? "delivered" : "failed"]).Observe(elapsed.TotalSeconds);
        _callStats.Record(endpoint, succeeded, elapsed);
    }

    /// <summary>An outbound send failed and is scheduled again.</summary>
    public void OutboundRetry(OutboundRecord item)
    {
        string partner = MetricLabels.Partner(item.PartnerId);
        _outboundRetries.WithLabels([partner, MetricLabels.Transport(item.Transport)]).Inc();
        _errors.WithLabels([partner, MetricLabels.Type(item.PartnerId, item.Kind), "send"]).Inc();
    }

    private double Since(DateTimeOffset at) => Math.Max(0, (_time.GetUtcNow() - at).TotalSeconds);
}
