using Gateway.Edi;

namespace Gateway.Tests.Edi;

public class EdiDelimitersTests
{
    [Test]
    public void Constructor_DuplicateDelimiters_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => _ = new EdiDelimiters((byte)'*', (byte)'*', (byte)'~'));
    }
}
