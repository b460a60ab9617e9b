using Gateway.Host.Configuration;
using Gateway.Host.Jobs;
using Gateway.Host.Tracking;
using Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Host;

/// <summary>An outbound 856 whose 997 does not come by its deadline becomes Overdue and alerts once (log and webhook); one that comes late still settles it.</summary>
public sealed class OverdueAcknowledgmentJobTests
{
    private string _root = null!;

    [SetUp]
    public void SetUp() => _root = Directory.CreateTempSubdirectory("gateway-overdue-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    // The job with alerts going to the loopback webhook, as Gateway:Alerts:WebhookUrl would send them.
    private OverdueAcknowledgmentJob Job(LiteDbTrackingStore store, FakeTimeProvider time, LoopbackBackend webhook, ServiceProvider services)
    {
        var settings = new GatewaySettings { DataDirectory = _root, Alerts = new AlertSettings { WebhookUrl = webhook.BaseUrl + "alerts" } };
        var alerts = new Gateway.Host.Alerts.Alerts(settings, services.GetRequiredService<IHttpClientFactory>(), time, NullLogger<Gateway.Host.Alerts.Alerts>.Instance);
        return new OverdueAcknowledgmentJob(store, alerts, time);
    }

    [Test]
    public async Task A_document_past_its_acknowledgment_deadline_is_Overdue_and_alerts_once()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero));
        using var webhook = new LoopbackBackend();
        using var store = new LiteDbTrackingStore(Path.Combine(_root, "tracking.db"));
        using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var job = Job(store, time, webhook, services);
        store.Save(new OutboundRecord
        {
            Id = "O-856",
            PartnerId = "acme",
            Kind = "856",
            ControlNumber = "000000042",
            Status = "Sent",
            CreatedAt = time.GetUtcNow(),
            AcknowledgmentDueAt = time.GetUtcNow().AddHours(24),
        });
        store.Save(new OutboundRecord { Id = "O-997", PartnerId = "acme", Kind = "997", Status = "Sent", CreatedAt = time.GetUtcNow() });

        time.Advance(TimeSpan.FromHours(23));
        await job.Execute(null!, CancellationToken.None);
        Assert.That(store.FindOutbound("O-856")!.AcknowledgmentStatus, Is.Null, "not yet due");

        time.Advance(TimeSpan.FromHours(2));
        await job.Execute(null!, CancellationToken.None);
        time.Advance(TimeSpan.FromHours(2));
        await job.Execute(null!, CancellationToken.None);

        var overdue = store.FindOutbound("O-856")!;
        Assert.Multiple(() =>
        {
            Assert.That(overdue.AcknowledgmentStatus, Is.EqualTo("Overdue"));
            Assert.That(overdue.Timeline.Single().Step, Is.EqualTo("Overdue"));
            Assert.That(webhook.Calls.Count(c => c.Path == "alerts"), Is.EqualTo(1), "one alert, however often the job runs");
            Assert.That(webhook.Calls.Single().Body, Does.Contain("acknowledgment-overdue").And.Contain("O-856"));
            Assert.That(store.OverdueAcknowledgments(10).Select(o => o.Id), Is.EqualTo(new[] { "O-856" }));
            Assert.That(store.FindOutbound("O-997")!.AcknowledgmentStatus, Is.Null, "an acknowledgment we send expects none back");
        });
    }

    [Test]
    public async Task An_asynchronous_MDN_that_does_not_come_within_the_hour_alerts_once()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero));
        using var webhook = new LoopbackBackend();
        using var store = new LiteDbTrackingStore(Path.Combine(_root, "tracking.db"));
        using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var job = Job(store, time, webhook, services);
        store.Save(new OutboundRecord
        {
            Id = "O-810",
            PartnerId = "acme",
            Kind = "810",
            Transport = "as2",
            Status = "Sent",
            TransportMessageId = "<m1@gw>",
            SentAt = time.GetUtcNow(),
            TransportReceiptDueAt = time.GetUtcNow().AddHours(1),
        });

        time.Advance(TimeSpan.FromMinutes(61));
        await job.Execute(null!, CancellationToken.None);
        await job.Execute(null!, CancellationToken.None);

        Assert.That(webhook.Calls.Count(c => c.Body.Contains("mdn-overdue", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(store.FindOutbound("O-810")!.Timeline.Single().Step, Is.EqualTo("MdnOverdue"));
    }
}
