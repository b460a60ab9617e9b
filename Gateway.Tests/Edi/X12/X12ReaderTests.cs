using System.Text;
using Gateway.Edi;
using Gateway.Edi.Validation;
using Gateway.Edi.X12;
using Gateway.Tests.Support;

namespace Gateway.Tests.Edi.X12;

public class X12ReaderTests
{
    [Test]
    public void Read_ValidInterchange_GivesEnvelopeEventsInOrder()
    {
        var kinds = Events(X12Samples.PurchaseOrders(sets: 2)).Select(e => e.Kind);
        Assert.That(kinds, Is.EqualTo(new[]
        {
            X12ReadKind.InterchangeStart, X12ReadKind.GroupStart, X12ReadKind.TransactionSet, X12ReadKind.TransactionSet,
            X12ReadKind.GroupEnd, X12ReadKind.InterchangeEnd,
        }));
    }

    [Test]
    public void Read_Isa_TakesDelimitersFromFixedPositions()
    {
        string text = X12Samples.PurchaseOrders().Replace('*', '|').Replace('~', '\u0015');
        using var reader = new X12Reader(X12Samples.Stream(text));
        Assert.That(reader.Read(), Is.True);
        EdiDelimiters d = reader.Interchange!.Delimiters;
        Assert.That((d.Element, d.Component, d.Segment, d.Repetition), Is.EqualTo(((byte)'|', (byte)'>', (byte)0x15, (byte?)null)));
    }

    [Test]
    public void Read_Version00501_TakesRepetitionSeparatorFromIsa11()
    {
        string text = X12Samples.PurchaseOrders().Replace("*U*00401*", "*^*00501*");
        using var reader = new X12Reader(X12Samples.Stream(text));
        reader.Read();
        Assert.That(reader.Interchange!.Delimiters.Repetition, Is.EqualTo((byte)'^'));
    }

    [Test]
    public void Read_TransactionSet_KeepsSegmentsFromStToSe()
    {
        var set = Events(X12Samples.PurchaseOrders(lines: 3)).Single(e => e.Kind == X12ReadKind.TransactionSet).Set!;
        Assert.That(set.Type, Is.EqualTo("850"));
        Assert.That(set.ControlNumber, Is.EqualTo("0001"));
        Assert.That(set.SegmentCount, Is.EqualTo(15));
        Assert.That(set.Segments[1].Tag, Is.EqualTo("BEG"));
        Assert.That(set.Segments[1][3], Is.EqualTo("PO000001"));
        Assert.That(set.Segments[^1].Tag, Is.EqualTo("SE"));
    }

    [TestCase("\n")]
    [TestCase("\r\n")]
    [TestCase("")]
    [TestCase("\r")]
    public void Read_LineEndingsAfterTerminators_GiveSameSegments(string separator)
    {
        Assert.That(SegmentTexts(X12Samples.PurchaseOrders(separator: separator)), Is.EqualTo(SegmentTexts(X12Samples.PurchaseOrders(separator: ""))));
    }

    [Test]
    public void Read_BomBlankLinesAndIndentation_AreToleratedWithWarnings()
    {
        string text = "\uFEFF" + X12Samples.PurchaseOrders(separator: "\r\n\r\n   ");
        var issues = Events(text).SelectMany(e => e.Issues).ToList();
        Assert.That(SegmentTexts(text), Is.EqualTo(SegmentTexts(X12Samples.PurchaseOrders())));
        Assert.That(issues.Select(i => (i.Code, i.Severity)), Has.All.EqualTo((EdiIssueCode.LayoutTolerated, EdiSeverity.Warning)));
        Assert.That(issues, Has.Count.EqualTo(2));
    }

    [Test]
    public void Read_LineBreaksInsideSegments_AreRemoved()
    {
        string wrapped = string.Join("\r\n", X12Samples.PurchaseOrders(separator: "").Chunk(80).Select(c => new string(c)));
        Assert.That(SegmentTexts(wrapped), Is.EqualTo(SegmentTexts(X12Samples.PurchaseOrders())));
    }

    [Test]
    public void Read_JunkAroundInterchanges_IsSkippedWithWarningNamingTheBytes()
    {
        string text = "From: partner\n" + X12Samples.PurchaseOrders() + "--end--";
        var events = Events(text);
        var junk = events.SelectMany(e => e.Issues).Where(i => i.Code == EdiIssueCode.JunkIgnored).ToList();
        Assert.That(junk.Select(i => i.BytePosition), Is.EqualTo(new long[] { 0, Encoding.UTF8.GetByteCount("From: partner\n" + X12Samples.PurchaseOrders()) }));
        Assert.That(events.Count(e => e.Kind == X12ReadKind.TransactionSet), Is.EqualTo(1));
    }

    [Test]
    public void Read_SeveralInterchanges_EachWithItsOwnDelimiters()
    {
        string text = X12Samples.PurchaseOrders() + X12Samples.PurchaseOrders().Replace('*', '|');
        var starts = Events(text).Where(e => e.Kind == X12ReadKind.InterchangeStart).Select(e => e.Element).ToList();
        Assert.That(starts, Is.EqualTo(new[] { (byte)'*', (byte)'|' }));
    }

    [Test]
    public void Read_Ta1_IsReportedAsTechnicalAcknowledgment()
    {
        string text = X12Samples.Isa + "TA1*000000123*241128*1200*A*000~IEA*0*000000001~";
        Assert.That(Events(text).Select(e => e.Kind), Does.Contain(X12ReadKind.TechnicalAcknowledgment));
    }

    [Test]
    public void Read_TruncatedFile_EndsEnvelopesWithIssuesInsteadOfThrowing()
    {
        string text = X12Samples.PurchaseOrders(separator: "");
        text = text[..text.IndexOf("CTT", StringComparison.Ordinal)];
        var events = Events(text);
        var codes = events.SelectMany(e => e.Issues).Select(i => i.Code).ToList();
        Assert.That(codes, Is.SupersetOf(new[] { EdiIssueCode.TransactionSetTrailerMissing, EdiIssueCode.GroupTrailerMissing, EdiIssueCode.InterchangeTrailerMissing }));
        Assert.That(events[^1].Kind, Is.EqualTo(X12ReadKind.InterchangeEnd));
    }

    [TestCase("", "empty")]
    [TestCase("UNB+UNOA:1+SENDER+RECEIVER+241128:1200+1'", "No ISA header")]
    [TestCase("ISA*00*short*00*", "cut short")]
    public void Read_NotX12_ThrowsEdiFormatExceptionWithPosition(string text, string message)
    {
        var ex = Assert.Throws<EdiFormatException>(() => Events(text));
        Assert.That(ex!.Message, Does.Contain(message));
        Assert.That(ex.BytePosition, Is.GreaterThanOrEqualTo(0));
    }

    [Test]
    public void Read_IsaNotFixedWidth_NamesTheFieldAndTheFix()
    {
        string text = X12Samples.PurchaseOrders().Replace("*SENDER         *", "*SENDER        *");
        var ex = Assert.Throws<EdiFormatException>(() => Events(text));
        Assert.That(ex!.Message, Does.Contain("ISA06 is 14 characters but must be exactly 15"));
        Assert.That(ex.ElementIndex, Is.EqualTo(6));
    }

    [Test]
    public void Read_SegmentWithoutTerminatorBeyondLimit_Throws()
    {
        string text = X12Samples.Isa + "GS*" + new string('A', 5000);
        var options = new EdiReaderOptions { BufferSize = 256, MaxSegmentBytes = 1024 };
        var ex = Assert.Throws<EdiFormatException>(() => Events(text, options));
        Assert.That(ex!.Message, Does.Contain("No segment terminator"));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(7)]
    [TestCase(106)]
    public void Read_InputArrivingInSmallChunks_GivesSameSegments(int chunk)
    {
        string text = "\uFEFF" + X12Samples.PurchaseOrders(sets: 3, separator: "\r\n") + X12Samples.PurchaseOrders();
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        var whole = Texts(new MemoryStream(bytes), EdiReaderOptions.Default);
        var trickled = Texts(new TrickleStream(bytes, chunk), new EdiReaderOptions { BufferSize = 256 });
        Assert.That(trickled, Is.EqualTo(whole));
    }

    private static List<string> SegmentTexts(string text) => Texts(X12Samples.Stream(text), EdiReaderOptions.Default);

    private static List<string> Texts(Stream stream, EdiReaderOptions options)
    {
        var texts = new List<string>();
        using var reader = new X12Reader(stream, options);
        while (reader.Read())
        {
            switch (reader.Kind)
            {
                case X12ReadKind.InterchangeStart:
                    texts.Add(reader.Interchange!.Header.ToString());
                    break;
                case X12ReadKind.GroupStart:
                    texts.Add(reader.Group!.Header.ToString());
                    break;
                case X12ReadKind.TransactionSet:
                    texts.AddRange(reader.TransactionSet!.Segments.Select(s => $"{s.ToString()}@{s.BytePosition}"));
                    break;
                case X12ReadKind.GroupEnd:
                    texts.Add(reader.Group!.Trailer.ToString() ?? "");
                    break;
                case X12ReadKind.InterchangeEnd:
                    texts.Add(reader.Interchange!.Trailer.ToString() ?? "");
                    break;
            }
        }
        return texts.Select(t => t.Contains('@', StringComparison.Ordinal) ? t[..t.IndexOf('@', StringComparison.Ordinal)] : t).ToList();
    }

    private static List<Event> Events(string text, EdiReaderOptions? options = null)
    {
        var events = new List<Event>();
        using var reader = new X12Reader(X12Samples.Stream(text), options);
        while (reader.Read())
        {
            events.Add(new Event(reader.Kind, reader.TransactionSet, [.. reader.Issues], reader.Interchange?.Delimiters.Element ?? 0));
        }
        events.Add(new Event(X12ReadKind.None, null, [.. reader.Issues], 0));
        events.RemoveAll(e => e.Kind == X12ReadKind.None && e.Issues.Count == 0);
        return events;
    }

    private sealed record Event(X12ReadKind Kind, X12TransactionSet? Set, List<EdiIssue> Issues, byte Element);
}
