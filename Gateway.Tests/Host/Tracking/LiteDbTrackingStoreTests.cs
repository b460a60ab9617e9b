using Gateway.Host.Tracking;

namespace Gateway.Tests.Host.Tracking;

/// <summary>A parse stage saved again (a reprocessed receipt) replaces its records instead of failing or doubling them.</summary>
public class LiteDbTrackingStoreTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("gateway-store-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void SaveStage_OfRecordsAlreadyStored_ReplacesThem_AndAddsTheNewOnes()
    {
        using var store = new LiteDbTrackingStore(Path.Combine(_directory, "tracking.db"));
        var receipt = new ReceiptRecord { Id = "R20261129T030000000-aaaaaa", Stage = ReceiptStage.Acknowledged };
        var first = new DocumentRecord { Id = receipt.Id + "-1-1", ReceiptId = receipt.Id, Status = DocumentStatus.Acknowledged };
        var ack = new OutboundRecord { Id = receipt.Id + "-ack-997-000000001", RelatesTo = receipt.Id, Status = "Queued" };
        store.SaveStage([receipt], [first], [ack]);

        first.Status = DocumentStatus.Rejected;
        ack.Status = "Sent";
        var second = new DocumentRecord { Id = receipt.Id + "-1-2", ReceiptId = receipt.Id, Status = DocumentStatus.Acknowledged };
        store.SaveStage([receipt], [first, second], [ack]);

        Assert.Multiple(() =>
        {
            Assert.That(store.DocumentsOf(receipt.Id).Select(d => (d.Id, d.Status)), Is.EqualTo(new[] { (first.Id, DocumentStatus.Rejected), (second.Id, DocumentStatus.Acknowledged) }));
            Assert.That(store.OutboundFor(receipt.Id).Select(o => o.Status), Is.EqualTo(new[] { "Sent" }));
        });
    }
}
