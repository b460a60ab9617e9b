using Gateway.Host.Configuration;
using Gateway.Host.Intake;
using Gateway.Host.Jobs;
using Gateway.Host.Tracking;
using Gateway.Partners.Duplicates;
using Gateway.Partners.Profiles;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Host;

/// <summary>Retention: finished receipts older than the setting go, with their documents, acknowledgments, archived file and register entries.</summary>
public class RetentionJobTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("gateway-retention-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task Execute_PurgesOnlyFinishedReceiptsOlderThanTheSetting()
    {
        var settings = new GatewaySettings { DataDirectory = _directory, RetentionDays = 30 };
        var archive = new RawArchive(Path.Combine(_directory, "archive"));
        using var store = new LiteDbTrackingStore(settings.TrackingDatabase);
        using var register = new FileInterchangeRegister(settings.InterchangeRegisterJournal);
        var old = Receipt("R20261001T120000000-aaaaaa", Now.AddDays(-58), ReceiptStage.Done);
        var oldButStuck = Receipt("R20261001T120000000-bbbbbb", Now.AddDays(-58), ReceiptStage.Acknowledged);
        var recent = Receipt("R20261120T120000000-cccccc", Now.AddDays(-8), ReceiptStage.Done);
        foreach (var receipt in new[] { old, oldButStuck, recent })
        {
            archive.WriteAll([receipt], ["ISA*"u8.ToArray()]);
            store.SaveStage([receipt], [new DocumentRecord { Id = receipt.Id + "-1-1", ReceiptId = receipt.Id, ReceivedAt = receipt.ReceivedAt }], [new OutboundRecord { Id = receipt.Id + "-ack", RelatesTo = receipt.Id }]);
            register.Register(new InterchangeKey("acme", EdiStandard.X12, receipt.Id[^6..]), receipt.Id, receipt.ReceivedAt, TimeSpan.FromDays(30));
        }

        string received = Directory.CreateDirectory(Path.Combine(_directory, "folders", "acme", "received")).FullName;
        File.WriteAllText(Path.Combine(received, "old.edi"), "ISA*");
        File.SetLastWriteTimeUtc(Path.Combine(received, "old.edi"), Now.AddDays(-40).UtcDateTime);
        File.WriteAllText(Path.Combine(received, "recent.edi"), "ISA*");
        File.SetLastWriteTimeUtc(Path.Combine(received, "recent.edi"), Now.AddDays(-1).UtcDateTime);

        var job = new RetentionJob(store, archive, register, settings, new FakeTimeProvider(Now), NullLogger<RetentionJob>.Instance);
        await job.Execute(null!, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(store.FindReceipt(old.Id), Is.Null);
            Assert.That(store.FindDocument(old.Id + "-1-1"), Is.Null);
            Assert.That(store.OutboundFor(old.Id), Is.Empty);
            Assert.That(File.Exists(archive.PathOf(old.Id)), Is.False);
            Assert.That(store.FindReceipt(oldButStuck.Id), Is.Not.Null, "unfinished work is never purged");
            Assert.That(store.FindReceipt(recent.Id), Is.Not.Null);
            Assert.That(File.Exists(archive.PathOf(recent.Id)), Is.True);
            Assert.That(Directory.GetFiles(received).Select(Path.GetFileName), Is.EqualTo(new[] { "recent.edi" }));
            Assert.That(register.Register(new InterchangeKey("acme", EdiStandard.X12, "aaaaaa"), "T-new", Now, TimeSpan.FromDays(3650)), Is.Null, "its register entry went too");
        });
    }

    private static ReceiptRecord Receipt(string id, DateTimeOffset receivedAt, ReceiptStage stage) =>
        new() { Id = id, ReceivedAt = receivedAt, Stage = stage, Transport = "folder", SourceKey = id, Bytes = 4 };
}
