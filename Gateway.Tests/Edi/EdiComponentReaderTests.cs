using System.Text;
using Gateway.Edi;

namespace Gateway.Tests.Edi;

public class EdiComponentReaderTests
{
    [Test]
    public void Read_SplitsAndHonoursRelease()
    {
        var parts = new List<string>();
        var reader = new EdiComponentReader("A:B?:C::D"u8, (byte)':', (byte)'?');
        while (reader.Read())
        {
            parts.Add(Encoding.ASCII.GetString(reader.ValueSpan));
        }
        Assert.That(parts, Is.EqualTo(new[] { "A", "B?:C", "", "D" }));
    }
}
