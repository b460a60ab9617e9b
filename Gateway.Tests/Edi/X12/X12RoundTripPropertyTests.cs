using System.Text;
using CsCheck;
using Gateway.Edi;
using Gateway.Edi.X12;

namespace Gateway.Tests.Edi.X12;

/// <summary>Random valid documents written, then read, come back identical (CsCheck).</summary>
public class X12RoundTripPropertyTests
{
    private const string ValueChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,-/()#&@";
    private static readonly DateTimeOffset Noon = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    // Delimiter sets real partners use; none of them can appear in ValueChars.
    private static readonly EdiDelimiters[] DelimiterSets =
    [
        new((byte)'*', (byte)':', (byte)'~', (byte)'^'),
        new((byte)'|', (byte)'>', (byte)'\n', (byte)'!'),
        new((byte)0x1D, (byte)0x1F, (byte)0x1C, (byte)0x1E),
        new((byte)'*', (byte)'>', (byte)'~'),
        new((byte)0x7F, (byte)'}', (byte)0x15),
    ];

    private static readonly Gen<string> Value = Gen.String[Gen.Char[ValueChars], 1, 12];

    private static readonly Gen<string?[]> Elements = Gen.Select(Value.Array[1, 8], Gen.Bool.Array[8], (values, empty) =>
        values.Select((v, i) => i < values.Length - 1 && empty[i] ? null : v.Trim() is { Length: > 0 } t ? t : "X").ToArray<string?>());

    private static readonly Gen<(string Tag, string?[] Elements)[]> Body = Gen.Select(
        Gen.OneOf("BEG", "REF", "DTM", "N1", "N3", "N4", "PO1", "PID", "CTT", "MSG", "TD5", "ZZ9"), Elements, (tag, elements) => (tag, elements)).Array[1, 30];

    [Test]
    public void WriteThenRead_RandomDocuments_ComeBackIdentical()
    {
        Gen.Select(Gen.Int[0, DelimiterSets.Length - 1], Body.Array[1, 4], Gen.OneOf("", "\n", "\r\n")).Sample((d, sets, separator) =>
        {
            EdiDelimiters delimiters = DelimiterSets[d];
            if (delimiters.Segment == (byte)'\n' && separator.Length > 0)
            {
                separator = "";
            }
            byte[] bytes = Write(delimiters, sets, separator);
            var read = Read(bytes);
            Assert.That(read, Is.EqualTo(sets.Select(s => s.Select(x => Text(x.Tag, x.Elements)).ToList()).ToList()));
        }, iter: 300);
    }

    [Test]
    public void JsonForm_RandomDocuments_RoundTrip()
    {
        Body.Sample(body =>
        {
            byte[] bytes = Write(EdiDelimiters.X12Default, [body], "");
            using var reader = new X12Reader(new MemoryStream(bytes));
            while (reader.Read() && reader.Kind != X12ReadKind.TransactionSet)
            {
            }
            X12TransactionSet set = reader.TransactionSet!;
            SegmentList back = Gateway.Edi.X12.Json.X12DocumentJson.FromJson(Gateway.Edi.X12.Json.X12DocumentJson.ToJson(set));
            // Without a schema the JSON form groups segments by tag; compare as multisets per tag.
            Assert.That(back.Select(s => Normalize(s)).Order(), Is.EqualTo(set.Segments.Select(s => Normalize(s)).Order()));
        }, iter: 200);
    }

    private static string Normalize(Segment s) => string.Join("|", Enumerable.Range(0, s.ElementCount + 1).Select(i => i == 0 ? s.Tag : s[i]));

    private static string Text(string tag, string?[] elements) => string.Join("|", new[] { tag }.Concat(elements.Select(e => e ?? "")));

    private static byte[] Write(EdiDelimiters delimiters, (string Tag, string?[] Elements)[][] sets, string separator)
    {
        using var stream = new MemoryStream();
        using (var writer = new X12Writer(stream, delimiters, separator, leaveOpen: true))
        {
            writer.BeginInterchange(new X12InterchangeEnvelope("ZZ", "SENDER", "ZZ", "RECEIVER", 1, Noon) { Version = delimiters.Repetition is null ? "00401" : "00501" });
            writer.BeginGroup(new X12GroupEnvelope("PO", "SENDER", "RECEIVER", 1, "004010", Noon));
            for (int i = 0; i < sets.Length; i++)
            {
                var body = new SegmentListBuilder();
                foreach ((string tag, string?[] elements) in sets[i])
                {
                    body.Add(tag, elements);
                }
                writer.WriteTransactionSet("850", $"{i + 1:0000}", body.Build());
            }
            writer.EndInterchange();
        }
        return stream.ToArray();
    }

    private static List<List<string>> Read(byte[] bytes)
    {
        var sets = new List<List<string>>();
        using var reader = new X12Reader(new MemoryStream(bytes));
        while (reader.Read())
        {
            if (reader.Kind == X12ReadKind.TransactionSet)
            {
                var segments = reader.TransactionSet!.Segments;
                sets.Add([.. segments.Skip(1).Take(segments.Count - 2).Select(s => string.Join("|", Enumerable.Range(0, s.ElementCount + 1).Select(i => i == 0 ? s.Tag : Encoding.UTF8.GetString(s.GetSpan(i)))))]);
            }
        }
        return sets;
    }
}
