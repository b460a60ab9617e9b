using System.Text;
using System.Text.Json.Nodes;
using Gateway.Edi;
using Gateway.Edi.Edifact;

namespace Gateway.Tests.Edi.Edifact;

public class EdifactDocumentJsonTests
{
    private const string Orders =
        "UNB+UNOC:3+SENDER:14+RECEIVER:14+261128:1200+REF1'" +
        "UNH+1+ORDERS:D:96A:UN'BGM+220+PO123+9'DTM+137:20261128:102'NAD+BY+5412345000013::9++O?'BRIEN?+SONS'" +
        "LIN+1++4000862141404:SRS'QTY+21:48'LIN+2++4000862141411:SRS'QTY+21:12'UNS+S'UNT+10+1'" +
        "UNZ+1+REF1'";

    [Test]
    public void ToJson_Orders_NestsGroupsAndUnescapesValues()
    {
        JsonObject json = EdifactDocumentJson.ToJson(Read(Orders));

        Assert.That(json["standard"]!.GetValue<string>(), Is.EqualTo("EDIFACT"));
        Assert.That(json["version"]!.GetValue<string>(), Is.EqualTo("D96A"));
        Assert.That(json["BGM"]!["BGM02"]!.GetValue<string>(), Is.EqualTo("PO123"));
        Assert.That(json["SG2"]![0]!["NAD"]!["NAD04"]!.GetValue<string>(), Is.EqualTo("O'BRIEN+SONS"));
        Assert.That(json["SG2"]![0]!["NAD"]!["NAD02"]!["NAD0201"]!.GetValue<string>(), Is.EqualTo("5412345000013"));
        var lines = json["SG25"]!.AsArray();
        Assert.That(lines.Select(l => l!["LIN"]!["LIN03"]!["LIN0301"]!.GetValue<string>()), Is.EqualTo(new[] { "4000862141404", "4000862141411" }));
    }

    [Test]
    public void FromJson_OfToJson_WritesTheSameMessageBack()
    {
        EdifactMessage message = Read(Orders);
        SegmentList back = EdifactDocumentJson.FromJson(EdifactDocumentJson.ToJson(message));

        using var stream = new MemoryStream();
        using (var writer = new EdifactWriter(stream, EdifactWriter.DefaultDelimiters, leaveOpen: true))
        {
            foreach (Segment segment in back)
            {
                writer.WriteSegment(segment);
            }
        }
        string body = Orders[Orders.IndexOf("UNH", StringComparison.Ordinal)..Orders.IndexOf("UNZ", StringComparison.Ordinal)];
        Assert.That(Encoding.Latin1.GetString(stream.ToArray()), Is.EqualTo(body));
    }

    private static EdifactMessage Read(string text)
    {
        using var reader = new EdifactReader(new MemoryStream(Encoding.Latin1.GetBytes(text)));
        while (reader.Read())
        {
            if (reader.Kind == EdifactReadKind.Message)
            {
                return reader.Message!;
            }
        }
        throw new InvalidOperationException("No message.");
    }
}
