using System.Text.Json.Nodes;
using Gateway.Edi;
using Gateway.Edi.X12;
using Gateway.Edi.X12.Json;
using Gateway.Tests.Support;

namespace Gateway.Tests.Edi.X12;

public class X12DocumentJsonTests
{
    [Test]
    public void ToJson_PurchaseOrder_NestsLoopsAndNamesElements()
    {
        JsonObject json = X12DocumentJson.ToJson(Read(X12Samples.PurchaseOrders(lines: 2)));

        Assert.That(json["type"]!.GetValue<string>(), Is.EqualTo("850"));
        Assert.That(json["interchange"]!["sender"]!["id"]!.GetValue<string>(), Is.EqualTo("SENDER"));
        Assert.That(json["BEG"]!["BEG03"]!.GetValue<string>(), Is.EqualTo("PO000001"));
        Assert.That(json["REF"], Is.InstanceOf<JsonArray>(), "REF may repeat, so it is an array");
        Assert.That(json["N1Loop"]![0]!["N1"]!["N102"]!.GetValue<string>(), Is.EqualTo("WAREHOUSE 7"));
        Assert.That(json["N1Loop"]![0]!["N4"]![0]!["N401"]!.GetValue<string>(), Is.EqualTo("SPRINGFIELD"));
        var lines = json["PO1Loop"]!.AsArray();
        Assert.That(lines.Select(l => l!["PO1"]!["PO107"]!.GetValue<string>()), Is.EqualTo(new[] { "SKU00001", "SKU00002" }));
        Assert.That(lines[1]!["PIDLoop"]![0]!["PID"]!["PID05"]!.GetValue<string>(), Is.EqualTo("WIDGET NUMBER 2"));
    }

    [Test]
    public void FromJson_OfToJson_GivesTheSameSegmentsInOrder()
    {
        X12TransactionSet set = Read(X12Samples.PurchaseOrders(lines: 3));
        SegmentList back = X12DocumentJson.FromJson(X12DocumentJson.ToJson(set));

        Assert.That(back.Select(Text), Is.EqualTo(set.Segments.Select(Text)));
    }

    [Test]
    public void ToJson_CompositeAndRepetition_BecomeObjectAndArray()
    {
        string text = X12Samples.PurchaseOrders().Replace("*U*00401*", "*^*00501*").Replace("REF*DP*038", "REF*DP*038**ZZ>A^ZZ>B");
        JsonObject json = X12DocumentJson.ToJson(Read(text));
        JsonNode ref04 = json["REF"]![0]!["REF04"]!;

        Assert.That(ref04.ToJsonString(), Is.EqualTo("""[{"REF0401":"ZZ","REF0402":"A"},{"REF0401":"ZZ","REF0402":"B"}]"""));
        Assert.That(X12DocumentJson.FromJson(json).Select(Text), Does.Contain("REF|DP|038||ZZ\u001fA\u001eZZ\u001fB"));
    }

    [Test]
    public void FromJson_BadElementName_SaysWhichAndWhatIsExpected()
    {
        var json = JsonNode.Parse("""{"BEG":{"BEGIN":"00"}}""")!.AsObject();
        var ex = Assert.Throws<FormatException>(() => X12DocumentJson.FromJson(json));
        Assert.That(ex!.Message, Does.Contain("'BEGIN'").And.Contain("BEG01"));
    }

    private static string Text(Segment s) => string.Join("|", Enumerable.Range(0, s.ElementCount + 1).Select(i => i == 0 ? s.Tag : s[i]));

    private static X12TransactionSet Read(string text)
    {
        using var reader = new X12Reader(X12Samples.Stream(text));
        while (reader.Read())
        {
            if (reader.Kind == X12ReadKind.TransactionSet)
            {
                return reader.TransactionSet!;
            }
        }
        throw new InvalidOperationException("No transaction set.");
    }
}
