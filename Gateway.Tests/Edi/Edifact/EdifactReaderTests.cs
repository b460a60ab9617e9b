using System.Text;
using Gateway.Edi;
using Gateway.Edi.Edifact;
using Gateway.Edi.Validation;

namespace Gateway.Tests.Edi.Edifact;

public class EdifactReaderTests
{
    private const string Orders =
        "UNB+UNOC:3+SENDER:14+RECEIVER:14+261128:1200+REF1'" +
        "UNH+1+ORDERS:D:96A:UN:EAN008'BGM+220+PO123+9'DTM+137:20261128:102'NAD+BY+5412345000013::9'" +
        "LIN+1++4000862141404:SRS'QTY+21:48'UNS+S'UNT+8+1'" +
        "UNZ+1+REF1'";

    [Test]
    public void Read_DefaultDelimiters_GivesEnvelopeAndMessage()
    {
        var (kinds, reader) = ReadAll(Orders);
        Assert.That(kinds, Is.EqualTo(new[] { EdifactReadKind.InterchangeStart, EdifactReadKind.Message, EdifactReadKind.InterchangeEnd }));
        Assert.That(reader.Interchange, Is.Null);
    }

    [Test]
    public void Read_Unb_ExposesSyntaxPartiesAndReference()
    {
        using var reader = new EdifactReader(Stream(Orders));
        reader.Read();
        EdifactInterchange i = reader.Interchange!;
        Assert.That((i.SyntaxIdentifier, i.SyntaxVersion, i.SenderId, i.SenderQualifier, i.RecipientId, i.ControlReference, i.Date, i.Time),
            Is.EqualTo(("UNOC", "3", "SENDER", "14", "RECEIVER", "REF1", "261128", "1200")));
        Assert.That(i.HasServiceStringAdvice, Is.False);
    }

    [Test]
    public void Read_Message_KnowsTypeDirectoryAndSegments()
    {
        EdifactMessage m = Messages(Orders).Single();
        Assert.That((m.Type, m.Directory, m.Agency, m.AssociationCode, m.ReferenceNumber, m.SegmentCount), Is.EqualTo(("ORDERS", "D96A", "UN", "EAN008", "1", 8)));
        Assert.That(m.Segments[1].GetComponents(1), Is.EqualTo(new[] { "220" }));
    }

    [Test]
    public void Read_Una_SetsEveryDelimiter()
    {
        string text = "UNA=*.? ~" + Orders.Replace('+', '*').Replace(':', '=').Replace('\'', '~');
        EdifactMessage m = Messages(text).Single();
        Assert.That(m.Interchange.HasServiceStringAdvice, Is.True);
        Assert.That(m.Segments[2].GetComponents(1), Is.EqualTo(new[] { "137", "20261128", "102" }));
    }

    [Test]
    public void Read_ReleaseCharacter_FreesDelimitersInValues()
    {
        string text = Orders.Replace("NAD+BY+5412345000013::9'", "NAD+BY+5412345000013::9++O?'BRIEN?+SONS?:LTD???''");
        Segment nad = Messages(text).Single().Segments[3];
        Assert.That(nad[4], Is.EqualTo("O'BRIEN+SONS:LTD?'"));
        Assert.That(nad.IsEscaped(4), Is.True);
    }

    [Test]
    public void Read_Syntax4WithoutUna_RepeatsWithAsterisk()
    {
        string text = Orders.Replace("UNOC:3", "UNOC:4").Replace("BGM+220+PO123+9'", "BGM+220+PO123+9'COM+1:TE*2:EM'").Replace("UNT+8+1", "UNT+9+1");
        EdifactMessage m = Messages(text).Single();
        Assert.That(m.Interchange.Delimiters.Repetition, Is.EqualTo((byte)'*'));
        Assert.That(m.Segments[2].GetRepetitions(1), Is.EqualTo(new[] { "1:TE", "2:EM" }));
    }

    [TestCase("UNOC", "Grüße", "iso-8859-1")]
    [TestCase("UNOY", "Grüße", "utf-8")]
    [TestCase("UNOE", "Привет", "iso-8859-5")]
    public void Read_CharacterSet_DecodesValues(string syntax, string text, string encoding)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        byte[] bytes = Encoding.GetEncoding(encoding).GetBytes(Orders.Replace("UNOC", syntax).Replace("PO123", text));
        EdifactMessage m = Messages(bytes).Single();
        Assert.That(m.Segments[1][2], Is.EqualTo(text));
    }

    [Test]
    public void Read_LineBreaksAndWrappedLines_AreTolerated()
    {
        string wrapped = string.Join("\r\n", Orders.Chunk(16).Select(c => new string(c)));
        Assert.That(Messages(wrapped).Single().SegmentCount, Is.EqualTo(8));
    }

    [Test]
    public void Read_TruncatedFile_ReportsMissingTrailers()
    {
        var (_, issues) = ReadIssues(Orders[..Orders.IndexOf("UNT", StringComparison.Ordinal)]);
        Assert.That(issues.Select(i => i.Code), Is.EqualTo(new[] { EdiIssueCode.TransactionSetTrailerMissing, EdiIssueCode.InterchangeTrailerMissing }));
    }

    [TestCase("", "empty")]
    [TestCase("ISA*00*", "No UNA or UNB")]
    [TestCase("UNA:+", "cut short")]
    [TestCase("UNA:::? '", "cannot be told apart")]
    public void Read_NotEdifact_ThrowsWithPosition(string text, string message)
    {
        var ex = Assert.Throws<EdiFormatException>(() => ReadAll(text));
        Assert.That(ex!.Message, Does.Contain(message));
    }

    private static MemoryStream Stream(string text) => new(Encoding.Latin1.GetBytes(text));

    private static List<EdifactMessage> Messages(string text) => Messages(Encoding.Latin1.GetBytes(text));

    private static List<EdifactMessage> Messages(byte[] bytes)
    {
        var messages = new List<EdifactMessage>();
        using var reader = new EdifactReader(new MemoryStream(bytes));
        while (reader.Read())
        {
            if (reader.Kind == EdifactReadKind.Message)
            {
                messages.Add(reader.Message!);
            }
        }
        return messages;
    }

    private static (List<EdifactReadKind>, EdifactReader) ReadAll(string text)
    {
        var reader = new EdifactReader(Stream(text));
        var kinds = new List<EdifactReadKind>();
        while (reader.Read())
        {
            kinds.Add(reader.Kind);
        }
        return (kinds, reader);
    }

    private static (List<EdifactReadKind>, List<EdiIssue>) ReadIssues(string text)
    {
        using var reader = new EdifactReader(Stream(text));
        var kinds = new List<EdifactReadKind>();
        var issues = new List<EdiIssue>();
        while (reader.Read())
        {
            kinds.Add(reader.Kind);
            issues.AddRange(reader.Issues);
        }
        issues.AddRange(reader.Issues);
        return (kinds, issues);
    }
}
