using Gateway.Edi.X12.Acknowledgments;
using Gateway.Host.Acknowledgments;
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
    private FakeTimeProvider _time = null!;
    private LoopbackBackend _webhook = null!;
    private LiteDbTrackingStore _store = null!;
    private ServiceProvider _services = null!;
    private OverdueAcknowledgmentJob _job = null!;

    // The job with alerts going to the loopback webhook, as Gateway:Alerts:WebhookUrl would send them.
    [SetUp]
    public void SetUp()
    {
        _root = Directory.CreateTempSubdirectory("gateway-overdue-").FullName;
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero));
        _webhook = new LoopbackBackend();
        _store = new LiteDbTrackingStore(Path.Combine(_root, "tracking.db"));
        _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var settings = new GatewaySettings { DataDirectory = _root, Alerts = new AlertSettings { WebhookUrl = _webhook.BaseUrl + "alerts" } };
        var alerts = new Gateway.Host.Alerts.Alerts(settings, _services.GetRequiredService<IHttpClientFactory>(), _time, NullLogger<Gateway.Host.Alerts.Alerts>.Instance);
        _job = new OverdueAcknowledgmentJob(_store, alerts, _time);
    }

    [TearDown]
    public void TearDown()
    {
        _services.Dispose();
        _store.Dispose();
        _webhook.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Test]
    public async Task A_document_past_its_acknowledgment_deadline_is_Overdue_and_alerts_once()
    {
        _store.Save(new OutboundRecord
        {
            Id = "O-856",
            PartnerId = "acme",
            Kind = "856",
            ControlNumber = "000000042",
            Status = "Sent",
            CreatedAt = _time.GetUtcNow(),
            AcknowledgmentDueAt = _time.GetUtcNow().AddHours(24),
        });
        _store.Save(new OutboundRecord { Id = "O-997", PartnerId = "acme", Kind = "997", Status = "Sent", CreatedAt = _time.GetUtcNow() });

        _time.Advance(TimeSpan.FromHours(23));
        await _job.Execute(null!, CancellationToken.None);
        Assert.That(_store.FindOutbound("O-856")!.AcknowledgmentStatus, Is.Null, "not yet due");

        _time.Advance(TimeSpan.FromHours(2));
        await _job.Execute(null!, CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(2));
        await _job.Execute(null!, CancellationToken.None);

        var overdue = _store.FindOutbound("O-856")!;
        Assert.Multiple(() =>
        {
            Assert.That(overdue.AcknowledgmentStatus, Is.EqualTo("Overdue"));
            Assert.That(overdue.Timeline.Single().Step, Is.EqualTo("Overdue"));
            Assert.That(_webhook.Calls.Count(c => c.Path == "alerts"), Is.EqualTo(1), "one alert, however often the job runs");
            Assert.That(_webhook.Calls.Single().Body, Does.Contain("acknowledgment-overdue").And.Contain("O-856"));
            Assert.That(_store.OverdueAcknowledgments(10).Select(o => o.Id), Is.EqualTo(new[] { "O-856" }));
            Assert.That(_store.FindOutbound("O-997")!.AcknowledgmentStatus, Is.Null, "an acknowledgment we send expects none back");
        });
    }

    [Test]
    public async Task An_asynchronous_MDN_that_does_not_come_within_the_hour_alerts_once()
    {
        _store.Save(new OutboundRecord
        {
            Id = "O-810",
            PartnerId = "acme",
            Kind = "810",
            Transport = "as2",
            Status = "Sent",
            TransportMessageId = "<m1@gw>",
            SentAt = _time.GetUtcNow(),
            TransportReceiptDueAt = _time.GetUtcNow().AddHours(1),
        });

        _time.Advance(TimeSpan.FromMinutes(61));
        await _job.Execute(null!, CancellationToken.None);
        await _job.Execute(null!, CancellationToken.None);

        Assert.That(_webhook.Calls.Count(c => c.Body.Contains("mdn-overdue", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(_store.FindOutbound("O-810")!.Timeline.Single().Step, Is.EqualTo("MdnOverdue"));
    }

    [Test]
    public async Task An_acknowledgment_arriving_after_it_was_overdue_still_settles_the_document()
    {
        _store.Save(new OutboundRecord
        {
            Id = "O-856",
            PartnerId = "acme",
            Kind = "856",
            ControlNumber = "000000042",
            GroupControlNumber = "42",
            DocumentControlNumber = "0001",
            Status = "Sent",
            CreatedAt = _time.GetUtcNow(),
            AcknowledgmentDueAt = _time.GetUtcNow().AddHours(24),
        });
        _time.Advance(TimeSpan.FromHours(25));
        await _job.Execute(null!, CancellationToken.None);
        var reconciler = new AcknowledgmentReconciler(_store, _time, NullLogger<AcknowledgmentReconciler>.Instance);

        string summary = reconciler.Reconcile("acme", "R-997", new X12ReceivedAcknowledgment("997", "SH", "0042", X12AcknowledgmentStatus.Accepted, [], [], 1, 1, 1));

        var settled = _store.FindOutbound("O-856")!;
        Assert.That(summary, Does.Contain("856 0001 (O-856): Accepted"));
        Assert.That(settled.AcknowledgmentStatus, Is.EqualTo("Accepted"));
        Assert.That(settled.Timeline.Select(e => e.Step), Is.EqualTo(new[] { "Overdue", "Accepted" }));
        Assert.That(settled.Timeline.Last().Message, Does.Contain("after it was overdue"));
    }

    // The job lists what is due, then marks each in turn with an alert between: an acknowledgment that comes in
    // meanwhile settles its document, and the job's older copy of it must not turn it back to Overdue.
    [Test]
    public async Task An_acknowledgment_arriving_while_the_job_runs_is_not_undone_by_it()
    {
        foreach (var (id, group) in new[] { ("O-856-1", "41"), ("O-856-2", "42") })
        {
            _store.Save(new OutboundRecord
            {
                Id = id,
                PartnerId = "acme",
                Kind = "856",
                ControlNumber = $"0000000{group}",
                GroupControlNumber = group,
                DocumentControlNumber = "0001",
                Status = "Sent",
                CreatedAt = _time.GetUtcNow(),
                AcknowledgmentDueAt = _time.GetUtcNow().AddHours(group == "41" ? 23 : 24),
            });
        }
        _time.Advance(TimeSpan.FromHours(25));
        var reconciler = new AcknowledgmentReconciler(_store, _time, NullLogger<AcknowledgmentReconciler>.Instance);
        _webhook.BeforeAnswer = _ => reconciler.Reconcile("acme", "R-997", new X12ReceivedAcknowledgment("997", "SH", "0042", X12AcknowledgmentStatus.Accepted, [], [], 1, 1, 1));

        await _job.Execute(null!, CancellationToken.None);   // the first alert's webhook call is when the 997 for the second comes

        Assert.That(_store.FindOutbound("O-856-1")!.AcknowledgmentStatus, Is.EqualTo("Overdue"));
        var settled = _store.FindOutbound("O-856-2")!;
        Assert.That(settled.AcknowledgmentStatus, Is.EqualTo("Accepted"));
        Assert.That(settled.Timeline.Select(e => e.Step), Is.EqualTo(new[] { "Accepted" }));
        Assert.That(_webhook.Calls.Count(c => c.Path == "alerts"), Is.EqualTo(1), "no alert for the one that came");
    }
}
