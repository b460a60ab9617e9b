using System.Text;
using CsCheck;
using Gateway.Edi;
using Gateway.Edi.Edifact;
using Gateway.Edi.Validation;
using Gateway.Tests.Support;

namespace Gateway.Tests.Edi.Edifact;

public class EdifactWriterTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    // Service string advices (component, element, decimal mark, release, repetition, terminator) real partners send.
    private static readonly string[] ServiceStrings = [":+.? '", "=*.! ~", ":+,? '", ":+.?*'", "|^.\\ #"];

    // Every service character of every set above, so values hold delimiters of whichever set is written.
    private const string ValueChars = "ABCXYZabc0129 .,-/+:'?*=!~|^\\#";

    private static readonly Gen<string> Value = Gen.String[Gen.Char[ValueChars], 1, 10];

    private static readonly Gen<(string Tag, string[][] Elements)> RandomSegment =
        Gen.Select(Gen.OneOf("BGM", "DTM", "FTX", "NAD", "RFF", "ZZZ"), Value.Array[1, 3].Array[1, 6], (tag, elements) => (tag, elements));

    // Envelopes.

    [Test]
    public void Envelopes_AreGeneratedWithCountsAndReferences()
    {
        string text = Write(EdifactWriter.DefaultDelimiters, w =>
        {
            w.BeginInterchange(new EdifactInterchangeEnvelope("SENDER", "RECEIVER", "REF1", Noon) { SenderQualifier = "14", RecipientQualifier = "14" });
            w.BeginMessage("1", "ORDERS", "D", "96A", "UN");
            w.WriteSegment("BGM", "220", "PO-4711", "9");
            w.WriteSegment(Composite("DTM", "137", "20261128", "102"));
            w.EndMessage();
            w.BeginMessage("2", "ORDERS", "D", "96A", "UN", "EAN008");
            w.WriteSegment("BGM", "220", "PO-4712", "9");
            w.EndInterchange();
        }, "\n");

        Assert.That(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            "UNB+UNOC:3+SENDER:14+RECEIVER:14+261128:1200+REF1'",
            "UNH+1+ORDERS:D:96A:UN'",
            "BGM+220+PO-4711+9'",
            "DTM+137:20261128:102'",
            "UNT+4+1'",
            "UNH+2+ORDERS:D:96A:UN:EAN008'",
            "BGM+220+PO-4712+9'",
            "UNT+3+2'",
            "UNZ+2+REF1'",
        }));
    }

    [Test]
    public void Envelopes_Syntax4_WritesCenturyAndRequestAndTestFlags()
    {
        string text = Write(EdifactWriter.DefaultDelimiters, w =>
        {
            w.BeginInterchange(new EdifactInterchangeEnvelope("SENDER", "RECEIVER", "REF1", Noon) { SyntaxVersion = "4", AcknowledgmentRequested = true, IsTest = true });
            w.EndInterchange();
        });

        Assert.That(text, Does.EndWith("UNB+UNOC:4+SENDER+RECEIVER+20261128:1200+REF1++++1++1'UNZ+0+REF1'"));
    }

    [Test]
    public void Envelopes_WrittenOrdersThenValidated_HaveNoIssues()
    {
        SegmentList orders = ReadMessages(EdifactTestDocuments.Orders().ToBytes()).Single();

        byte[] bytes = WriteBytes(EdifactWriter.DefaultDelimiters, w =>
        {
            w.BeginInterchange(new EdifactInterchangeEnvelope("SENDER", "RECEIVER", "REF1", Noon) { SenderQualifier = "14", RecipientQualifier = "14" });
            w.BeginMessage("1", "ORDERS", "D", "96A", "UN");
            foreach (Segment segment in orders.Skip(1).SkipLast(1))
            {
                w.WriteSegment(segment);
            }
            w.EndInterchange();
        });

        Assert.That(EdifactTestDocuments.Validate(bytes).AllIssues, Is.Empty);
    }

    // UNA is written when the service characters differ from the defaults of the syntax version: ":+.? '" in
    // syntax 3, ":+.?*'" in syntax 4 (ISO 9735-1, repetition separator '*').
    [TestCase(":+.? '", "3", false)]
    [TestCase("=*.! ~", "3", true)]
    [TestCase(":+,? '", "3", true)]
    [TestCase(":+.?*'", "3", true)]
    [TestCase(":+.?*'", "4", false)]
    [TestCase(":+.? '", "4", true)]
    public void BeginInterchange_ServiceCharacters_WritesUnaOnlyWhenNotTheDefaults(string serviceString, string syntaxVersion, bool una)
    {
        string text = Write(Delimiters(serviceString), w =>
        {
            w.BeginInterchange(new EdifactInterchangeEnvelope("SENDER", "RECEIVER", "REF1", Noon) { SyntaxVersion = syntaxVersion });
            w.EndInterchange();
        }, decimalMark: (byte)serviceString[2]);

        Assert.That(text, una ? Does.StartWith("UNA" + serviceString + "UNB") : Does.StartWith("UNB"));
    }

    [TestCase(":+.? '")]
    [TestCase("=*.! ~")]
    [TestCase("|^.\\ #")]
    public void WriteServiceStringAdvice_WritesTheSixServiceCharacters(string serviceString)
    {
        Assert.That(Write(Delimiters(serviceString), w => w.WriteServiceStringAdvice(), decimalMark: (byte)serviceString[2]), Is.EqualTo("UNA" + serviceString));
    }

    // Values: delimiters and the release character are freed with the release character.

    [TestCase(":+.? '", "O'BRIEN+SONS:LTD?", "FTX+AAI+++O?'BRIEN?+SONS?:LTD??'")]
    [TestCase(":+.? '", "5*6", "FTX+AAI+++5*6'")]
    [TestCase(":+.?*'", "5*6", "FTX+AAI+++5?*6'")]
    [TestCase("=*.! ~", "A=B*C!D~E+F:G'H", "FTX*AAI***A!=B!*C!!D!~E+F:G'H~")]
    public void WriteSegment_ValueWithServiceCharacters_EscapesThemAndReadsBackIdentically(string serviceString, string value, string expected)
    {
        EdiDelimiters delimiters = Delimiters(serviceString);

        string segment = Write(delimiters, w => w.WriteSegment("FTX", "AAI", null, null, value));

        Assert.That(segment, Is.EqualTo(expected));
        Segment read = RoundTrip(serviceString, b => b.Add("FTX", "AAI", null, null, value));
        Assert.That(read[4], Is.EqualTo(value));
    }

    [Test]
    public void WriteSegment_CompositeWithServiceCharacters_ReadsBackComponentByComponent()
    {
        Segment read = RoundTrip(":+.? '", b => b.Add("NAD", "BY", b.AddComposite("54123?45", "", "9"), null, b.AddComposite("O'BRIEN+SONS", "A:B")));

        Assert.That(read.GetComponents(2), Is.EqualTo(new[] { "54123?45", "", "9" }));
        Assert.That(read.GetComponents(4), Is.EqualTo(new[] { "O'BRIEN+SONS", "A:B" }));
    }

    [Test]
    public void WriteSegment_BuiltWithTheWritersOwnDelimiters_EscapesValues()
    {
        SegmentList built = new SegmentListBuilder(EdifactWriter.DefaultDelimiters).Add("FTX", "AAI", null, null, "O'BRIEN+SONS").Build();

        string text = Write(EdifactWriter.DefaultDelimiters, w => w.WriteSegment(built[0]));

        Assert.That(text, Is.EqualTo("FTX+AAI+++O?'BRIEN?+SONS'"));
    }

    [TestCase("UNOC", "iso-8859-1")]
    [TestCase("UNOY", "utf-8")]
    public void WriteSegment_ValueOutsideAscii_IsEncodedInTheWritersCharacterSet(string syntax, string encoding)
    {
        Encoding charset = Encoding.GetEncoding(encoding);
        byte[] bytes = WriteBytes(EdifactWriter.DefaultDelimiters, w =>
        {
            w.BeginInterchange(new EdifactInterchangeEnvelope("SENDER", "RECEIVER", "REF1", Noon) { SyntaxIdentifier = syntax });
            w.BeginMessage("1", "ORDERS", "D", "96A", "UN");
            w.WriteSegment("FTX", "AAI", null, null, "Grüße");
            w.EndInterchange();
        }, charset);

        Assert.That(bytes.AsSpan().IndexOf(charset.GetBytes("FTX+AAI+++Grüße'")), Is.GreaterThan(0));
        Assert.That(ReadMessages(bytes).Single()[1][4], Is.EqualTo("Grüße"));
    }

    [Test]
    public void WriteSegment_ToOtherDelimiters_TranslatesSeparatorsAndRelease()
    {
        byte[] input = EdifactTestDocuments.Orders().InsertAfter("DTM", "FTX+AAI+++O?'BRIEN?+SONS?:LTD??=!").ToBytes();
        Segment ftx = ReadMessages(input).Single()[3];

        string text = Write(Delimiters("=*.! ~"), w => w.WriteSegment(ftx));

        Assert.That(text, Is.EqualTo("FTX*AAI***O'BRIEN+SONS:LTD?!=!!~"));
    }

    // Read segments written with the same delimiters are copied byte for byte.

    [TestCase(null, "")]
    [TestCase(null, "\n")]
    [TestCase(":+.? '", "")]
    [TestCase("=*.! ~", "\n")]
    [TestCase(":+,? '", "\n")]
    public void WriteSegment_ReadInterchangeWithSameDelimiters_IsByteIdentical(string? una, string separator)
    {
        EdifactTestDocuments document = EdifactTestDocuments.Orders().InGroup().CopyMessage("2")
            .InsertAfter("DTM", "FTX+AAI+++O?'BRIEN?+SONS?:LTD??", "FTX+AAI+++5*6 KG");
        if (una is not null)
        {
            document.WithUna(una);
        }
        if (separator.Length > 0)
        {
            document.WithLineBreaks();
        }
        byte[] input = document.ToBytes();

        Assert.That(Encoding.Latin1.GetString(Rewrite(input, separator)), Is.EqualTo(Encoding.Latin1.GetString(input)));
    }

    public static IEnumerable<TestCaseData> WellFormedCorpus() => Corpus.Cases("edifact/", CorpusLabel.Valid);

    [TestCaseSource(nameof(WellFormedCorpus))]
    public void WriteSegment_CorpusSampleWithUniformLayout_IsByteIdentical(CorpusFile file)
    {
        Corpus.RequirePresent();
        byte[] input = File.ReadAllBytes(file.Path);
        var interchanges = new List<EdifactInterchange>();
        var warnings = new List<EdiIssue>();
        using (var probe = new EdifactReader(new MemoryStream(input)))
        {
            while (probe.Read())
            {
                warnings.AddRange(probe.Issues);
                if (probe.Kind == EdifactReadKind.InterchangeStart)
                {
                    interchanges.Add(probe.Interchange!);
                }
            }
            warnings.AddRange(probe.Issues);
        }
        if (warnings.Count > 0)
        {
            Assert.Ignore($"Not well-formed ({warnings[0].Message}); the tolerant reader normalises its layout.");
        }
        if (interchanges.Select(i => (i.Delimiters.Segment, i.Delimiters.Release)).Distinct().Count() > 1)
        {
            Assert.Ignore("Its interchanges end segments differently; the layout check reads one terminator and release character.");
        }
        string? separator = UniformSeparator(input, interchanges[0].Delimiters);
        if (separator is null)
        {
            Assert.Ignore("Its layout mixes line breaks after terminators; byte identity is promised for uniform layouts only.");
        }
        // Only the line break after the last segment may differ: files end with one or without.
        string expected = Encoding.Latin1.GetString(input).TrimEnd('\r', '\n');
        string actual = Encoding.Latin1.GetString(Rewrite(input, separator)).TrimEnd('\r', '\n');
        Assert.That(actual, Is.EqualTo(expected));
    }

    // Random messages whose values hold every service character, written then read, come back identical (CsCheck).

    [Test]
    public void WriteThenRead_RandomMessagesWithServiceCharactersInValues_ComeBackIdentical()
    {
        Gen.Select(Gen.Int[0, ServiceStrings.Length - 1], RandomSegment.Array[1, 10].Array[1, 3], Gen.OneOf("", "\n")).Sample((s, messages, separator) =>
        {
            string serviceString = ServiceStrings[s];
            byte[] bytes = WriteBytes(Delimiters(serviceString), w =>
            {
                w.BeginInterchange(new EdifactInterchangeEnvelope("SENDER", "RECEIVER", "REF1", Noon));
                for (int m = 0; m < messages.Length; m++)
                {
                    w.BeginMessage($"{m + 1}", "ORDERS", "D", "96A", "UN");
                    foreach ((string tag, string[][] elements) in messages[m])
                    {
                        var b = new SegmentListBuilder();
                        w.WriteSegment(b.Add(tag, [.. elements.Select(c => b.AddComposite(c))]).Build()[0]);
                    }
                    w.EndMessage();
                }
                w.EndInterchange();
            }, decimalMark: (byte)serviceString[2], separator: separator);

            var read = ReadMessages(bytes).Select(m => m.Skip(1).SkipLast(1).Select(Text).ToList()).ToList();

            Assert.That(read, Is.EqualTo(messages.Select(m => m.Select(x => Text(x.Tag, x.Elements)).ToList()).ToList()), Encoding.Latin1.GetString(bytes));
        }, iter: 300);
    }

    private static string Text(string tag, string[][] elements) => string.Join("|", elements.Select(c => string.Join("^", c)).Prepend(tag));

    private static string Text(Segment s) =>
        string.Join("|", Enumerable.Range(1, s.ElementCount).Select(i => string.Join("^", s.GetComponents(i))).Prepend(s.Tag));

    // The delimiters of a six-character service string advice; a space means "none" for release and repetition.
    private static EdiDelimiters Delimiters(string serviceString) => new(
        element: (byte)serviceString[1],
        component: (byte)serviceString[0],
        segment: (byte)serviceString[5],
        repetition: serviceString[4] == ' ' ? null : (byte)serviceString[4],
        release: serviceString[3] == ' ' ? null : (byte)serviceString[3]);

    private static Segment Composite(string tag, params string[] components)
    {
        var b = new SegmentListBuilder();
        return b.Add(tag, b.AddComposite(components)).Build()[0];
    }

    // Writes one message holding the built segment with these service characters, reads it back and returns the segment.
    private static Segment RoundTrip(string serviceString, Action<SegmentListBuilder> build)
    {
        var builder = new SegmentListBuilder();
        build(builder);
        Segment built = builder.Build()[0];
        byte[] bytes = WriteBytes(Delimiters(serviceString), w =>
        {
            w.BeginInterchange(new EdifactInterchangeEnvelope("SENDER", "RECEIVER", "REF1", Noon));
            w.BeginMessage("1", "ORDERS", "D", "96A", "UN");
            w.WriteSegment(built);
            w.EndInterchange();
        }, decimalMark: (byte)serviceString[2]);
        return ReadMessages(bytes).Single()[1];
    }

    private static List<SegmentList> ReadMessages(byte[] bytes)
    {
        var messages = new List<SegmentList>();
        using var reader = new EdifactReader(new MemoryStream(bytes));
        while (reader.Read())
        {
            if (reader.Kind == EdifactReadKind.Message)
            {
                messages.Add(reader.Message!.Segments);
            }
        }
        return messages;
    }

    // The line break after every terminator when it is the same everywhere ("" for none); null when the layout varies.
    private static string? UniformSeparator(byte[] input, EdiDelimiters delimiters)
    {
        var gaps = new List<string>();
        int i = 0;
        while (i < input.Length)
        {
            int start = i;
            while (i < input.Length && input[i] is (byte)'\r' or (byte)'\n')
            {
                i++;
            }
            gaps.Add(Encoding.Latin1.GetString(input, start, i - start));
            if (i == input.Length)
            {
                break;
            }
            // A UNA is its tag and six service characters, the last its terminator.
            if (input.AsSpan(i).StartsWith("UNA"u8))
            {
                i += 9;
                continue;
            }
            while (i < input.Length && input[i] != delimiters.Segment)
            {
                i += input[i] == delimiters.Release ? 2 : 1;
            }
            i++;
        }
        // The gap before the first segment must be empty; the one after the last may be anything.
        List<string> between = gaps.Count > 2 ? gaps[1..^1] : [];
        if (gaps[0].Length > 0 || between.Distinct().Count() > 1)
        {
            return null;
        }
        return between.FirstOrDefault() ?? "";
    }

    // Files whose layout the byte-identity test cannot promise still keep every segment through a rewrite.
    [TestCaseSource(nameof(WellFormedCorpus))]
    public void WriteSegment_CorpusSampleInAnyLayout_RereadsToTheSameSegments(CorpusFile file)
    {
        Corpus.RequirePresent();
        byte[] input = File.ReadAllBytes(file.Path);

        List<string> rewritten = SegmentTexts(Rewrite(input, "\r\n"));

        Assert.That(rewritten, Is.EqualTo(SegmentTexts(input)));
        Assert.That(rewritten, Is.Not.Empty);
    }

    private static List<string> SegmentTexts(byte[] input)
    {
        using var reader = new EdifactReader(new MemoryStream(input));
        var texts = new List<string>();
        while (reader.Read())
        {
            texts.AddRange(SegmentsOf(reader).Select(s => s.ToString()));
        }
        return texts;
    }

    internal static byte[] Rewrite(byte[] input, string separator)
    {
        using var output = new MemoryStream();
        using var reader = new EdifactReader(new MemoryStream(input));
        EdifactWriter? writer = null;
        while (reader.Read())
        {
            if (reader.Kind == EdifactReadKind.InterchangeStart)
            {
                EdifactInterchange interchange = reader.Interchange!;
                writer = new EdifactWriter(output, interchange.Delimiters, interchange.Encoding, separator, leaveOpen: true, decimalMark: interchange.DecimalMark);
                if (interchange.HasServiceStringAdvice)
                {
                    writer.WriteServiceStringAdvice();
                }
            }
            foreach (Segment segment in SegmentsOf(reader))
            {
                writer!.WriteSegment(segment);
            }
        }
        return output.ToArray();
    }

    private static IEnumerable<Segment> SegmentsOf(EdifactReader reader) => reader.Kind switch
    {
        EdifactReadKind.InterchangeStart => [reader.Interchange!.Header],
        EdifactReadKind.GroupStart => [reader.Group!.Header],
        EdifactReadKind.Message => reader.Message!.Segments,
        EdifactReadKind.GroupEnd => reader.Group!.Trailer is Segment une ? [une] : [],
        EdifactReadKind.InterchangeEnd => reader.Interchange!.Trailer is Segment unz ? [unz] : [],
        _ => reader.Segment is Segment s ? [s] : [],
    };

    private static string Write(EdiDelimiters delimiters, Action<EdifactWriter> write, string separator = "", byte decimalMark = (byte)'.') =>
        Encoding.Latin1.GetString(WriteBytes(delimiters, write, Encoding.Latin1, separator, decimalMark));

    private static byte[] WriteBytes(EdiDelimiters delimiters, Action<EdifactWriter> write, Encoding? encoding = null, string separator = "", byte decimalMark = (byte)'.')
    {
        using var stream = new MemoryStream();
        using (var writer = new EdifactWriter(stream, delimiters, encoding ?? Encoding.Latin1, separator, leaveOpen: true, decimalMark))
        {
            write(writer);
        }
        return stream.ToArray();
    }
}
