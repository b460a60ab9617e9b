using System.Text;
using Gateway.Edi.Edifact;

namespace Gateway.Tests.Edi.Edifact;

public class EdifactApplicationAcknowledgmentTests
{

    [TestCase("BGM+312+A1+9+AP'", EdifactApplicationStatus.Accepted)]
    [TestCase("BGM+312+A1+9+RE'", EdifactApplicationStatus.Rejected)]
    [TestCase("BGM+312+A1+9+CA'", EdifactApplicationStatus.PartiallyAccepted)]
    [TestCase("BGM+312+A1+29'", EdifactApplicationStatus.Accepted)]
    [TestCase("BGM+312+A1+27'", EdifactApplicationStatus.Rejected)]
    [TestCase("BGM+312+A1+9'ERC+12'", EdifactApplicationStatus.Rejected)]
    [TestCase("BGM+312+A1+9'", EdifactApplicationStatus.Accepted)]
    public void Read_Bgm_GivesTheVerdict(string body, EdifactApplicationStatus expected)
    {
        Assert.That(EdifactApplicationAcknowledgment.Read(Aperak(body)).Status, Is.EqualTo(expected));
    }

    [Test]
    public void Read_ReferencesAndErrors_AreListedWithTheirText()
    {
        var ack = EdifactApplicationAcknowledgment.Read(Aperak("BGM+312+A1+27'RFF+ACW:PO123'ERC+12'FTX+AAO+++Unknown article:4000862141404'ERC+13'"));
        Assert.That(ack.References, Is.EqualTo(new[] { ("ACW", "PO123") }));
        Assert.That(ack.Errors, Is.EqualTo(new[] { ("12", "Unknown article 4000862141404"), ("13", "") }));
    }

    [Test]
    public void Read_NotAnAperak_Throws()
    {
        Assert.Throws<ArgumentException>(() => EdifactApplicationAcknowledgment.Read(Message("UNH+1+ORDERS:D:96A:UN'BGM+220+1'UNT+3+1'")));
    }

    private static EdifactMessage Aperak(string body)
    {
        int count = body.Count(c => c == '\'') + 2;
        return Message($"UNH+1+APERAK:D:96A:UN'{body}UNT+{count}+1'");
    }

    private static EdifactMessage Message(string message)
    {
        using var reader = new EdifactReader(new MemoryStream(Encoding.ASCII.GetBytes($"UNB+UNOA:3+PARTNER+US+261128:1200+7'{message}UNZ+1+7'")));
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
