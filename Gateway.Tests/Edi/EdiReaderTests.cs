using System.Text;
using Gateway.Edi;

namespace Gateway.Tests.Edi;

public class EdiReaderTests
{
    private static readonly EdiDelimiters Edifact = new((byte)'+', (byte)':', (byte)'\'', release: (byte)'?');
    private static readonly EdiDelimiters X12 = EdiDelimiters.X12Default;

    [Test]
    public void Read_ReleasedTerminator_StaysInsideElement()
    {
        var reader = new EdiReader("FTX+A?'B'"u8, Edifact);
        Assert.That(reader.Read() && reader.Read(), Is.True);
        Assert.That(Encoding.ASCII.GetString(reader.ValueSpan), Is.EqualTo("A?'B"));
        Assert.That(reader.ValueIsEscaped, Is.True);
    }

    [Test]
    public void Read_SegmentsWithLineBreaks_GiveSameTokensAsWithout()
    {
        Assert.That(Tokens("BEG*00*SA~\r\n  REF*ZZ*1~\n"u8), Is.EqualTo(Tokens("BEG*00*SA~REF*ZZ*1~"u8)));
    }

    [Test]
    public void Read_CountsSegmentsAndElements()
    {
        var reader = new EdiReader("ST*850*0001~SE*2*0001~"u8, X12);
        var seen = new List<string>();
        while (reader.Read())
        {
            seen.Add($"{reader.SegmentIndex}.{reader.ElementIndex}:{reader.TokenType}");
        }
        Assert.That(seen, Is.EqualTo(new[] { "1.0:SegmentTag", "1.1:Element", "1.2:Element", "2.0:SegmentTag", "2.1:Element", "2.2:Element" }));
    }

    [Test]
    public void Read_MissingTerminator_ThrowsWithPosition()
    {
        var ex = Assert.Throws<EdiFormatException>(() =>
        {
            var reader = new EdiReader("ST*850*0001"u8, X12);
            while (reader.Read())
            {
            }
        });
        Assert.That(ex!.SegmentIndex, Is.EqualTo(1));
        Assert.That(ex.Message, Does.Contain("terminator"));
    }

    [Test]
    public void ComponentReader_SplitsAndHonoursRelease()
    {
        var parts = new List<string>();
        var reader = new EdiComponentReader("A:B?:C::D"u8, (byte)':', (byte)'?');
        while (reader.Read())
        {
            parts.Add(Encoding.ASCII.GetString(reader.ValueSpan));
        }
        Assert.That(parts, Is.EqualTo(new[] { "A", "B?:C", "", "D" }));
    }

    [Test]
    public void Delimiters_Duplicate_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => _ = new EdiDelimiters((byte)'*', (byte)'*', (byte)'~'));
    }

    private static List<string> Tokens(ReadOnlySpan<byte> data)
    {
        var reader = new EdiReader(data, X12);
        var tokens = new List<string>();
        while (reader.Read())
        {
            tokens.Add($"{reader.SegmentIndex}:{Encoding.ASCII.GetString(reader.ValueSpan)}");
        }
        return tokens;
    }
}
