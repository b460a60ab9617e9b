using Gateway.Host.Tracking;

namespace Gateway.Tests.Host.Tracking;

/// <summary>
/// A parse stage saved again (a reprocessed receipt) replaces its records instead of failing or doubling them; a stage
/// saved ahead queues its acknowledgments first and its documents survive a crash before their own commit.
/// </summary>
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

    [Test]
    public void SaveStageAhead_QueuesTheAcknowledgment_AndAfterARestart_CommitStagedAddsTheDocuments()
    {
        string path = Path.Combine(_directory, "tracking.db");
        var (receipt, documents, ack) = Stage(documents: 3);
        using (var store = new LiteDbTrackingStore(path))
        {
            store.SaveStageAhead([receipt], documents, [ack]);
        }   // the process dies here, before CommitStaged

        using (var store = new LiteDbTrackingStore(path))
        {
            var stored = store.FindReceipt(receipt.Id)!;
            Assert.Multiple(() =>
            {
                Assert.That(stored.DocumentsStaged, Is.True);
                Assert.That(stored.Stage, Is.EqualTo(ReceiptStage.Acknowledged));
                Assert.That(store.OutboundFor(receipt.Id).Select(o => o.Id), Is.EqualTo(new[] { ack.Id }), "the acknowledgment is queued before the documents commit");
                Assert.That(store.DocumentsOf(receipt.Id), Is.Empty);
            });

            store.CommitStaged(stored);

            Assert.Multiple(() =>
            {
                Assert.That(store.FindReceipt(receipt.Id)!.DocumentsStaged, Is.False);
                Assert.That(store.DocumentsOf(receipt.Id).Select(d => (d.Id, d.PurchaseOrder, d.Lines.Count, d.Timeline.Single().Step)),
                    Is.EqualTo(documents.Select(d => (d.Id, d.PurchaseOrder, 1, "Acknowledged"))), "every field back, lines and timeline included");
                Assert.That(Directory.GetFiles(Path.Combine(_directory, "tracking-staged")), Is.Empty, "the staged file is removed once committed");
            });
        }
    }

    [Test]
    public void CommitStaged_InTheSameRun_AddsTheDocuments_AndRemovesTheFile()
    {
        using var store = new LiteDbTrackingStore(Path.Combine(_directory, "tracking.db"));
        var (receipt, documents, ack) = Stage(documents: 2);

        store.CommitStaged(store.SaveStageAhead([receipt], documents, [ack]));

        Assert.Multiple(() =>
        {
            Assert.That(store.DocumentsOf(receipt.Id).Select(d => d.Id), Is.EqualTo(documents.Select(d => d.Id)));
            Assert.That(store.FindReceipt(receipt.Id)!.DocumentsStaged, Is.False);
            Assert.That(Directory.GetFiles(Path.Combine(_directory, "tracking-staged")), Is.Empty);
        });
    }

    [Test]
    public void CommitStaged_FromATruncatedFile_SaysWhichFileAndWhatToDo_AndAddsNothing()
    {
        using var store = new LiteDbTrackingStore(Path.Combine(_directory, "tracking.db"));
        var (receipt, documents, ack) = Stage(documents: 3);
        store.SaveStageAhead([receipt], documents, [ack]);
        string file = Path.Combine(_directory, "tracking-staged", receipt.Id + ".bson");
        byte[] whole = File.ReadAllBytes(file);
        File.WriteAllBytes(file, whole[..(whole.Length - 10)]);

        var error = Assert.Throws<InvalidDataException>(() => store.CommitStaged(store.FindReceipt(receipt.Id)!));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain(file).And.Contain("2 of its 3 documents").And.Contain($"gateway track reprocess {receipt.Id}"));
            Assert.That(store.DocumentsOf(receipt.Id), Is.Empty);
            Assert.That(store.FindReceipt(receipt.Id)!.DocumentsStaged, Is.True);
        });
    }

    [Test]
    public void SaveStage_OfAReceiptWhoseStagedDocumentsNeverCommitted_ReplacesThem()
    {
        using var store = new LiteDbTrackingStore(Path.Combine(_directory, "tracking.db"));
        var (receipt, documents, ack) = Stage(documents: 3);
        store.SaveStageAhead([receipt], documents, [ack]);

        // Reprocessed: parsed again, this time as a stage small enough to commit in one step.
        var again = store.FindReceipt(receipt.Id)!;
        store.SaveStage([again], documents.Take(1).ToList(), [ack]);

        Assert.Multiple(() =>
        {
            Assert.That(store.FindReceipt(receipt.Id)!.DocumentsStaged, Is.False);
            Assert.That(store.DocumentsOf(receipt.Id).Select(d => d.Id), Is.EqualTo(new[] { documents[0].Id }));
            Assert.That(Directory.GetFiles(Path.Combine(_directory, "tracking-staged")), Is.Empty, "the superseded staged file is removed");
        });
    }

    private static (ReceiptRecord Receipt, List<DocumentRecord> Documents, OutboundRecord Ack) Stage(int documents)
    {
        var receipt = new ReceiptRecord { Id = "R20261129T050000000-bbbbbb", Stage = ReceiptStage.Acknowledged };
        var records = Enumerable.Range(1, documents).Select(i => new DocumentRecord
        {
            Id = $"{receipt.Id}-1-{i}",
            ReceiptId = receipt.Id,
            Type = "850",
            Status = DocumentStatus.Acknowledged,
            PurchaseOrder = $"PO-{i}",
            Lines = [new Gateway.Host.Orders.OrderLine { Item = $"SKU-{i}", Quantity = i }],
            Timeline = [new TimelineEvent { Step = "Acknowledged", Message = "997 000000001 queued" }],
        }).ToList();
        var ack = new OutboundRecord { Id = receipt.Id + "-ack-997-000000001", RelatesTo = receipt.Id, Status = "Queued" };
        return (receipt, records, ack);
    }
}
