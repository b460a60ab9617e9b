using Gateway.Host.Orders;
using Gateway.Host.Tracking;
using LiteDB;

namespace Gateway.Tests.Host.Tracking;

/// <summary>Item lines are stored as one compact value, read back exactly, and records stored before that still read.</summary>
public class OrderLineStorageTests
{
    private string _directory = "";

    private string DatabasePath => Path.Combine(_directory, "tracking.db");

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("gateway-lines-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Save_LinesOfADocumentAndAnOutboundRecord_ReadBackExactly()
    {
        var lines = new List<OrderLine>
        {
            new() { LineNumber = "1", Item = "SKU-1", BuyerItem = "B-1", Quantity = 48m, UnitOfMeasure = "EA", UnitPrice = 2.125m },
            new() { Item = "SKU-2", Quantity = 0.5m, QuantityOrdered = 12m },
        };
        using (var store = new LiteDbTrackingStore(DatabasePath))
        {
            store.Save(new DocumentRecord { Id = "R1-1-1", ReceiptId = "R1", Lines = lines });
            store.SaveAll([new OutboundRecord { Id = "O1", Lines = lines }]);
            store.Save(new DocumentRecord { Id = "R1-1-2", ReceiptId = "R1" });
        }

        using (var database = new LiteDatabase(DatabasePath))
        {
            Assert.That(database.GetCollection("documents").FindById("R1-1-1")["Lines"].IsBinary, "one value for all lines, not a document per line");
        }
        using var reopened = new LiteDbTrackingStore(DatabasePath, readOnly: true);
        Assert.Multiple(() =>
        {
            Assert.That(Describe(reopened.FindDocument("R1-1-1")!.Lines), Is.EqualTo(Describe(lines)));
            Assert.That(Describe(reopened.FindOutbound("O1")!.Lines), Is.EqualTo(Describe(lines)));
            Assert.That(reopened.FindDocument("R1-1-2")!.Lines, Is.Empty);
        });
    }

    [Test]
    public void Find_DocumentStoredWithLinesAsSubDocuments_StillReadsThem()
    {
        // How item lines were stored before: an array of documents, one per line.
        using (var database = new LiteDatabase(DatabasePath))
        {
            database.GetCollection("documents").Insert(new BsonDocument
            {
                ["_id"] = "R0-1-1",
                ["ReceiptId"] = "R0",
                ["Lines"] = new BsonArray(new BsonDocument { ["LineNumber"] = "1", ["Item"] = "SKU-9", ["Quantity"] = 6m, ["UnitPrice"] = 1.75m }),
            });
        }

        using var store = new LiteDbTrackingStore(DatabasePath, readOnly: true);
        var line = store.FindDocument("R0-1-1")!.Lines.Single();
        Assert.That((line.LineNumber, line.Item, line.Quantity, line.UnitPrice), Is.EqualTo(("1", "SKU-9", (decimal?)6m, (decimal?)1.75m)));
    }

    private static string[] Describe(IEnumerable<OrderLine> lines) =>
        [.. lines.Select(l => $"{l.LineNumber}|{l.Item}|{l.BuyerItem}|{l.Quantity}|{l.QuantityOrdered}|{l.UnitOfMeasure}|{l.UnitPrice}")];
}
