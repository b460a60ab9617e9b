using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Gateway.Host.Admin.Metrics;
using Gateway.Host.Admin.Security;
using Gateway.Host.Tracking;
using Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Host.Console;

/// <summary>Issue #10, metrics: GET /metrics on the admin listener, Prometheus text format, fed by the running pipeline.</summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed partial class MetricsTests
{
    private TestGateway _gateway = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _gateway = new TestGateway();
        _gateway.AddX12Partner("acme", "ACME");
        await _gateway.StartAsync();
        _gateway.Drop(_gateway.InboxOf("acme"), "good.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 501));
        // Q9 is no purpose code (BEG01/BEG02): strict validation rejects the order.
        _gateway.Drop(_gateway.InboxOf("acme"), "bad.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 502).Replace("BEG*00*SA*", "BEG*00*Q9*", StringComparison.Ordinal));
        await TestGateway.WaitUntil(
            () => _gateway.Store.QueryDocuments(new DocumentQuery { PartnerId = "acme", Take = 10 }) is var d
                && d.Any(x => x.Status == DocumentStatus.Delivered) && d.Any(x => x.Status == DocumentStatus.Rejected),
            "one order delivered and one rejected");
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _gateway.DisposeAsync();

    [Test]
    public async Task Scrape_AfterADeliveredAndARejectedOrder_CountsThemPerPartnerAndType()
    {
        var series = await ScrapeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(series.GetValueOrDefault("gateway_documents_received_total{partner=\"acme\",type=\"850\"}"), Is.EqualTo(2));
            Assert.That(series.GetValueOrDefault("gateway_documents_total{partner=\"acme\",type=\"850\",outcome=\"delivered\"}"), Is.EqualTo(1));
            Assert.That(series.GetValueOrDefault("gateway_documents_total{partner=\"acme\",type=\"850\",outcome=\"rejected\"}"), Is.EqualTo(1));
            Assert.That(series.GetValueOrDefault("gateway_errors_total{partner=\"acme\",type=\"850\",stage=\"validation\"}"), Is.EqualTo(1));
            Assert.That(series.GetValueOrDefault("gateway_delivery_seconds_bucket{partner=\"acme\",type=\"850\",le=\"+Inf\"}"), Is.EqualTo(1));
            Assert.That(series.GetValueOrDefault("gateway_delivery_seconds_count{partner=\"acme\",type=\"850\"}"), Is.EqualTo(1));
            Assert.That(series.GetValueOrDefault("gateway_processing_seconds_count{partner=\"acme\",type=\"850\"}"), Is.EqualTo(1), "only the valid one was acknowledged");
            Assert.That(series.GetValueOrDefault("gateway_backend_call_seconds_bucket{endpoint=\"erp\",outcome=\"delivered\",le=\"60\"}"), Is.EqualTo(1));
            Assert.That(series.Keys.Where(k => k.StartsWith("gateway_documents_total{", StringComparison.Ordinal) && k.Contains("dead_lettered", StringComparison.Ordinal)), Is.Empty);
            Assert.That(series, Does.ContainKey("gateway_pipeline_queue"));
        });
    }

    [Test]
    public async Task Scrape_BucketsAreCumulativeUpToTheCount()
    {
        var series = await ScrapeAsync();

        var buckets = series.Where(s => s.Key.StartsWith("gateway_delivery_seconds_bucket{partner=\"acme\",type=\"850\",", StringComparison.Ordinal)).Select(s => s.Value).ToList();
        Assert.That(buckets, Has.Count.GreaterThan(5));
        Assert.That(buckets, Is.Ordered.Ascending);
        Assert.That(buckets[^1], Is.EqualTo(series["gateway_delivery_seconds_count{partner=\"acme\",type=\"850\"}"]));
    }

    [Test]
    public void BackendCallStats_AfterOneDeliveredCall_ShowsItForTheEndpoint()
    {
        var erp = _gateway.Services.GetRequiredService<BackendCallStats>().Snapshot().Single(s => s.Endpoint == "erp");

        Assert.Multiple(() =>
        {
            Assert.That(erp.Calls, Is.EqualTo(1));
            Assert.That(erp.Failures, Is.Zero);
            Assert.That(erp.P50Milliseconds, Is.GreaterThan(0));
            Assert.That(erp.P95Milliseconds, Is.GreaterThanOrEqualTo(erp.P50Milliseconds ?? 0));
        });
    }

    [Test]
    public async Task Scrape_BackEndDownAndAcknowledgmentsAwaited_ShowsBacklogRetriesAndAckGauges()
    {
        await using var gateway = new TestGateway();
        gateway.AddX12Partner("beta", "BETA");
        gateway.Erp.Script([.. Enumerable.Repeat(HttpStatusCode.ServiceUnavailable, 50)]);
        await gateway.StartAsync();
        gateway.Drop(gateway.InboxOf("beta"), "po.edi", GatewayFiles.X12Orders("BETA", "DISTRIBUTOR", 601));
        await TestGateway.WaitUntil(() => gateway.Store.QueryDocuments(new DocumentQuery { PartnerId = "beta", Status = DocumentStatus.Retrying, Take = 1 }).Count == 1, "the order retrying");
        var now = TimeProvider.System.GetUtcNow();
        gateway.Store.SaveAll([
            new OutboundRecord { Id = "sent-1", PartnerId = "beta", Kind = "856", Transport = "folder", Status = "Sent", SentAt = now.AddHours(-3), AcknowledgmentDueAt = now.AddHours(21) },
            new OutboundRecord { Id = "sent-2", PartnerId = "beta", Kind = "810", Transport = "folder", Status = "Sent", SentAt = now.AddDays(-2), AcknowledgmentDueAt = now.AddDays(-1), AcknowledgmentStatus = "Overdue" },
            new OutboundRecord { Id = "sent-3", PartnerId = "beta", Kind = "810", Transport = "folder", Status = "Sent", SentAt = now.AddDays(-5), AcknowledgmentDueAt = now.AddDays(-4), AcknowledgmentStatus = "Accepted" },
        ]);

        var series = await ScrapeAsync(gateway);

        Assert.Multiple(() =>
        {
            Assert.That(series.GetValueOrDefault("gateway_delivery_backlog{partner=\"beta\",type=\"850\",status=\"Retrying\"}"), Is.EqualTo(1));
            Assert.That(series.GetValueOrDefault("gateway_delivery_retries_total{partner=\"beta\",type=\"850\"}"), Is.GreaterThanOrEqualTo(1));
            Assert.That(series.GetValueOrDefault("gateway_errors_total{partner=\"beta\",type=\"850\",stage=\"delivery\"}"), Is.GreaterThanOrEqualTo(1));
            Assert.That(series.GetValueOrDefault("gateway_backend_call_seconds_count{endpoint=\"erp\",outcome=\"failed\"}"), Is.GreaterThanOrEqualTo(1));
            Assert.That(series.GetValueOrDefault("gateway_acknowledgments_awaited{partner=\"beta\"}"), Is.EqualTo(1));
            Assert.That(series.GetValueOrDefault("gateway_acknowledgments_overdue{partner=\"beta\"}"), Is.EqualTo(1));
            Assert.That(series.GetValueOrDefault("gateway_acknowledgment_oldest_age_seconds{partner=\"beta\"}"), Is.EqualTo(TimeSpan.FromDays(2).TotalSeconds).Within(120));
        });
    }

    [Test]
    public async Task Scrape_Anonymous_IsUnauthorized()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(_gateway.AdminUrl) };

        using var response = await anonymous.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Scrape_EveryLineIsACommentOrASample()
    {
        using var client = _gateway.ApiClient(Role.Viewer);
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        string text = await response.Content.ReadAsStringAsync();

        Assert.That(response.Content.Headers.ContentType?.ToString(), Does.StartWith("text/plain").And.Contain("version=0.0.4"));
        var bad = text.Split('\n').Where(line => line.Length > 0 && !line.StartsWith("# HELP ", StringComparison.Ordinal) && !line.StartsWith("# TYPE ", StringComparison.Ordinal) && !Sample().IsMatch(line));
        Assert.That(bad, Is.Empty);
        Assert.That(text, Does.Contain("# TYPE gateway_delivery_seconds histogram"));
    }

    // The scrape as series ("name{labels}") to value, parsing each line as Prometheus would.
    private Task<Dictionary<string, double>> ScrapeAsync() => ScrapeAsync(_gateway);

    private static async Task<Dictionary<string, double>> ScrapeAsync(TestGateway gateway)
    {
        using var client = gateway.ApiClient(Role.Viewer);
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var series = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string line in (await response.Content.ReadAsStringAsync()).Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var match = Sample().Match(line);
            Assert.That(match.Success, Is.True, line);
            series[match.Groups["series"].Value] = double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        return series;
    }

    [GeneratedRegex("""^(?<series>[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})?) (?<value>[-+]?(\d+(\.\d*)?([eE][-+]?\d+)?|Inf|NaN))( -?\d+)?$""")]
    private static partial Regex Sample();
}
