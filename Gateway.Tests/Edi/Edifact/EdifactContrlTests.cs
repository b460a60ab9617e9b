using System.Text;
using Gateway.Edi.Edifact;
using Gateway.Edi.Edifact.Acknowledgments;
using Gateway.Edi.Validation;

namespace Gateway.Tests.Edi.Edifact;

public class EdifactContrlTests
{
    private const string Uci = "UCI+REF1+SENDER:14+RECEIVER:14+";

    private static EdifactTestDocuments Orders() => EdifactTestDocuments.Orders();

    // UNB 0031 = 1: the sender asks for a CONTRL.
    private static EdifactTestDocuments Requested() => Orders().Unb(9, "1");

    // One test per CONTRL segment and rule: the exact text it gets.

    [Test]
    public void Build_ValidInterchange_UciAcknowledgesWithAction7()
    {
        EdifactAcknowledgment? ack = Build(Requested());

        Assert.That(Tags(ack), Is.EqualTo(new[] { "UNB", "UNH", "UCI", "UNT", "UNZ" }));
        Assert.That(Tagged(ack, "UCI"), Is.EqualTo(new[] { Uci + "7" }));
        Assert.That(ack!.InterchangeAction, Is.EqualTo("7"));
        Assert.That(ack.Messages, Is.Empty);
    }

    private static IEnumerable<TestCaseData> EnvelopeErrors() =>
    [
        Case("unz2-differs", Requested().Unz(2, "REF2"), "4+28+UNZ"),
        Case("unz1-wrong", Requested().Unz(1, "2"), "4+29+UNZ"),
        Case("unz-missing", Requested().WithoutUnz(), "4+13+UNZ"),
        Case("unb1-unknown", Requested().Unb(1, "UNOZ:3"), "4+2+UNB"),
        Case("unb4-date", Requested().Unb(4, "240230:1200"), "4+12+UNB"),
        Case("unb11-test", Requested().Unb(11, "2"), "4+25+UNB"),
        Case("mixed", Requested().AddGroup("G1", "2"), "4+30"),
        Case("stray-segment", Requested().BeforeUnz("DTM+137:20240115:102"), "4+15"),
    ];

    [TestCaseSource(nameof(EnvelopeErrors))]
    public void Build_InterchangeEnvelopeError_UciRejectsWithCodeAndServiceSegment(string edifact, string expected)
    {
        EdifactAcknowledgment? ack = Build(edifact);

        // UCI 0083, 0085 and 0135; S011 has its own test.
        Assert.That(string.Join('+', Tagged(ack, "UCI").Single().Split('+').Skip(4).Take(3)), Is.EqualTo(expected));
        Assert.That(Tags(ack), Is.EqualTo(new[] { "UNB", "UNH", "UCI", "UNT", "UNZ" }), "a rejected interchange reports nothing below it");
        Assert.That(ack!.InterchangeAction, Is.EqualTo("4"));
    }

    // S011 0098 counts the segment tag as position 1 (ISO 9735 and EANCOM CONTRL: "The segment tag has position number 1");
    // 0104 names the component when the error is in one.
    [TestCase(9, "3", "UNB+10", TestName = "{m}(UNB 0031)")]
    [TestCase(5, "REF456789012345", "UNB+6", TestName = "{m}(UNB 0020)")]
    [TestCase(4, "240230:1200", "UNB+5:1", TestName = "{m}(UNB S004 0017)")]
    [TestCase(1, "UNOC:5", "UNB+2:2", TestName = "{m}(UNB S001 0002)")]
    public void Build_UnbElementInError_UciS011CountsSegmentTagAsOne(int element, string value, string expected)
    {
        EdifactAcknowledgment? ack = Build(Requested().Unb(element, value));

        Assert.That(Tagged(ack, "UCI").Single(), Does.EndWith("+" + expected));
    }

    [TestCase(1, "2", "UNZ+2")]
    [TestCase(2, "REF2", "UNZ+3")]
    public void Build_UnzElementInError_UciS011CountsSegmentTagAsOne(int element, string value, string expected)
    {
        EdifactAcknowledgment? ack = Build(Requested().Unz(element, value));

        Assert.That(Tagged(ack, "UCI").Single(), Does.EndWith("+" + expected));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Build_ReceiptRequested_UciAction8AndNothingElse(bool messageBroken)
    {
        EdifactTestDocuments document = Orders().Unb(9, "2");
        if (messageBroken)
        {
            document.Replace("UNS", "UNS+X");
        }

        EdifactAcknowledgment? ack = Build(document);

        Assert.That(Tags(ack), Is.EqualTo(new[] { "UNB", "UNH", "UCI", "UNT", "UNZ" }));
        Assert.That(Tagged(ack, "UCI"), Is.EqualTo(new[] { Uci + "8" }));
        Assert.That(ack!.InterchangeAction, Is.EqualTo("8"));
    }

    [TestCase(EdifactAcknowledgmentPolicy.WhenRequested, "", null)]
    [TestCase(EdifactAcknowledgmentPolicy.WhenRequested, "0", null)]
    [TestCase(EdifactAcknowledgmentPolicy.WhenRequested, "1", "7")]
    [TestCase(EdifactAcknowledgmentPolicy.WhenRequested, "2", "8")]
    [TestCase(EdifactAcknowledgmentPolicy.Always, "", "7")]
    [TestCase(EdifactAcknowledgmentPolicy.Always, "2", "7")]
    [TestCase(EdifactAcknowledgmentPolicy.Never, "1", null)]
    public void Build_Policy_DecidesWhetherContrlIsSent(EdifactAcknowledgmentPolicy policy, string unb9, string? action)
    {
        EdifactAcknowledgment? ack = Build(Orders().Unb(9, unb9), Options(policy));

        Assert.That(ack?.InterchangeAction, Is.EqualTo(action));
    }

    [TestCase(EdifactAcknowledgmentPolicy.WhenRequested)]
    [TestCase(EdifactAcknowledgmentPolicy.Always)]
    public void Build_InterchangeOfContrlMessages_ReturnsNull(EdifactAcknowledgmentPolicy policy)
    {
        EdifactTestDocuments contrl = EdifactTestDocuments.WithMessage("CONTRL:D:3:UN", "UCI+REF9+RECEIVER:14+SENDER:14+7").Unb(9, "1");

        Assert.That(Build(contrl, Options(policy)), Is.Null);
    }

    [Test]
    public void Build_MessageWithErrors_UcmRejectsThenUcsAndUcd()
    {
        EdifactAcknowledgment? ack = Build(Requested().Replace("UNS", "UNS+X"));

        Assert.Multiple(() =>
        {
            Assert.That(Tags(ack), Is.EqualTo(new[] { "UNB", "UNH", "UCI", "UCM", "UCS", "UCD", "UNT", "UNZ" }));
            Assert.That(Tagged(ack, "UCI"), Is.EqualTo(new[] { Uci + "7" }), "the interchange is acknowledged; the message is rejected explicitly");
            Assert.That(Tagged(ack, "UCM"), Is.EqualTo(new[] { "UCM+1+ORDERS:D:96A:UN+4" }));
            Assert.That(Tagged(ack, "UCS"), Is.EqualTo(new[] { "UCS+10" }), "0085 is left out when the errors are in elements");
            Assert.That(Tagged(ack, "UCD").Single(), Does.StartWith("UCD+12+"));
            Assert.That(ack!.Messages, Is.EqualTo(new[] { ("1", "4") }));
        });
    }

    [TestCase("UNS", "UNS+X", "UCD+12+2")]
    [TestCase("QTY", "QTY+:48", "UCD+13+2:1")]
    [TestCase("QTY", "QTY+21:48:EA:X", "UCD+16+2:4")]
    [TestCase("UNS", "UNS+S+X", "UCD+16+3")]
    public void Build_ElementInError_UcdS011CountsSegmentTagAsOne(string replaced, string segment, string expected)
    {
        EdifactAcknowledgment? ack = Build(Requested().Replace(replaced, segment));

        Assert.That(Tagged(ack, "UCD"), Is.EqualTo(new[] { expected }));
    }

    [TestCase("QTY", "ZZZ+1", "UCS+8+15")]
    [TestCase("BGM", "BGM+220+PO-4712+9", "UCS+3+35")]
    public void Build_SegmentInError_UcsNamesPositionAndCodeWithoutUcd(string after, string segment, string expected)
    {
        EdifactAcknowledgment? ack = Build(Requested().InsertAfter(after, segment));

        Assert.That(Tagged(ack, "UCS"), Is.EqualTo(new[] { expected }));
        Assert.That(Tagged(ack, "UCD"), Is.Empty);
    }

    // 0096 for a missing segment: "the last segment that was processed before the position where the missing segment
    // was expected to be" (ISO 9735; EANCOM CONTRL UCS note).
    [TestCase("BGM", "UCS+1+13")]
    [TestCase("UNS", "UCS+9+13")]
    public void Build_SegmentMissing_UcsNamesLastSegmentBeforeTheGap(string removed, string expected)
    {
        EdifactAcknowledgment? ack = Build(Requested().Remove(removed));

        Assert.That(Tagged(ack, "UCS"), Is.EqualTo(new[] { expected }));
    }

    private static IEnumerable<TestCaseData> MessageEnvelopeErrors() =>
    [
        Case("unt1-wrong", Requested().Unt(1, "11"), "UCM+1+ORDERS:D:96A:UN+4+29+UNT"),
        Case("unt2-differs", Requested().Unt(2, "2"), "UCM+1+ORDERS:D:96A:UN+4+28+UNT"),
        Case("unt-missing", Requested().WithoutUnt(), "UCM+1+ORDERS:D:96A:UN+4+13+UNT"),
        Case("unh1-repeated", Requested().CopyMessage("1"), "UCM+1+ORDERS:D:96A:UN+4+26+UNH"),
    ];

    [TestCaseSource(nameof(MessageEnvelopeErrors))]
    public void Build_MessageEnvelopeError_UcmNamesCodeAndServiceSegment(string edifact, string expected)
    {
        EdifactAcknowledgment? ack = Build(edifact);

        // UCM 0062 to 0135; S011 is pinned by the golden files.
        Assert.That(string.Join('+', Tagged(ack, "UCM").Single().Split('+').Take(6)), Is.EqualTo(expected));
        Assert.That(Tagged(ack, "UCS"), Is.Empty);
    }

    [TestCase(false, new[] { "UCM+2+ORDERS:D:96A:UN+4" })]
    [TestCase(true, new[] { "UCM+1+ORDERS:D:96A:UN+7", "UCM+2+ORDERS:D:96A:UN+4" })]
    public void Build_PositiveOption_ListsAcceptedMessagesWithUcm7(bool positive, string[] expected)
    {
        EdifactAcknowledgment? ack = Build(Requested().CopyMessage("2").Replace("UNS", "UNS+X", message: 1), Options(positive: positive));

        Assert.That(Tagged(ack, "UCM"), Is.EqualTo(expected));
        Assert.That(ack!.Messages, Is.EqualTo(expected.Select(u => (u.Split('+')[1], u.Split('+')[3]))));
    }

    [Test]
    public void Build_Group_UcfAcknowledgesGroupWithItsParties()
    {
        EdifactAcknowledgment? ack = Build(Requested().InGroup());

        Assert.That(Tags(ack), Is.EqualTo(new[] { "UNB", "UNH", "UCI", "UCF", "UNT", "UNZ" }));
        Assert.That(Tagged(ack, "UCF"), Is.EqualTo(new[] { "UCF+G1+SENDERAPP:14+RECEIVERAPP:14+7" }));
    }

    [TestCase(1, "2", "UCF+G1+SENDERAPP:14+RECEIVERAPP:14+4+29")]
    [TestCase(2, "G2", "UCF+G1+SENDERAPP:14+RECEIVERAPP:14+4+28")]
    public void Build_GroupEnvelopeError_UcfRejectsWithCode(int element, string value, string expected)
    {
        EdifactAcknowledgment? ack = Build(Requested().InGroup().Une(element, value));

        Assert.That(Tagged(ack, "UCF").Single(), Does.StartWith(expected));
        Assert.That(Tagged(ack, "UCI"), Is.EqualTo(new[] { Uci + "7" }));
    }

    [Test]
    public void Build_GroupsWithRejectedMessage_UcmFollowsItsUcf()
    {
        EdifactAcknowledgment? ack = Build(Requested().InGroup().AddGroup("G2", "2").Replace("UNS", "UNS+X", message: 1));

        Assert.That(Tags(ack), Is.EqualTo(new[] { "UNB", "UNH", "UCI", "UCF", "UCF", "UCM", "UCS", "UCD", "UNT", "UNZ" }));
        Assert.That(Tagged(ack, "UCF"), Is.EqualTo(new[]
        {
            "UCF+G1+SENDERAPP:14+RECEIVERAPP:14+7",
            "UCF+G2+SENDERAPP:14+RECEIVERAPP:14+4",
        }));
    }

    [TestCase("UNOC:3", "240115:1200", "CONTRL:D:3:UN", "240305:1430")]
    [TestCase("UNOC:4", "20240115:1200", "CONTRL:4:1:UN", "20240305:1430")]
    public void Build_SyntaxVersion_DecidesContrlIdentifierAndDate(string syntax, string date, string identifier, string contrlDate)
    {
        EdifactAcknowledgment? ack = Build(Requested().Unb(1, syntax).Unb(4, date));

        Assert.That(Tagged(ack, "UNH"), Is.EqualTo(new[] { $"UNH+1+{identifier}" }));
        Assert.That(Tagged(ack, "UNB"), Is.EqualTo(new[] { $"UNB+{syntax}+RECEIVER:14+SENDER:14+{contrlDate}+1" }));
    }

    [TestCase("5412345000013:14", "GATEWAY:ZZ", "UNB+UNOC:3+GATEWAY:ZZ+5412345000013:14+240305:1430+1", "UCI+REF1+5412345000013:14+GATEWAY:ZZ+7")]
    [TestCase("SENDER", "RECEIVER", "UNB+UNOC:3+RECEIVER+SENDER+240305:1430+1", "UCI+REF1+SENDER+RECEIVER+7")]
    public void Build_Interchange_SwapsSenderAndRecipient(string sender, string recipient, string unb, string uci)
    {
        EdifactAcknowledgment? ack = Build(Requested().Unb(2, sender).Unb(3, recipient));

        Assert.That(Tagged(ack, "UNB"), Is.EqualTo(new[] { unb }));
        Assert.That(Tagged(ack, "UCI"), Is.EqualTo(new[] { uci }));
    }

    [Test]
    public void Build_Interchange_MirrorsSyntaxIdentifierAndTestIndicatorButAsksForNoContrl()
    {
        EdifactAcknowledgment? ack = Build(Requested().Unb(1, "UNOA:3").Unb(11, "1"));

        Assert.That(Tagged(ack, "UNB"), Is.EqualTo(new[] { "UNB+UNOA:3+RECEIVER:14+SENDER:14+240305:1430+1++++++1" }));
    }

    [Test]
    public void Build_ControlReference_ComesFromSource()
    {
        EdifactAcknowledgment? ack = Build(Requested(), reference: "42");

        Assert.Multiple(() =>
        {
            Assert.That(ack!.ControlReference, Is.EqualTo("42"));
            Assert.That(Tagged(ack, "UNB").Single(), Does.EndWith("+42"));
            Assert.That(Tagged(ack, "UNZ"), Is.EqualTo(new[] { "UNZ+1+42" }));
        });
    }

    [Test]
    public void Build_PartyNameOutsideAscii_IsWrittenInTheInboundCharacterSet()
    {
        EdifactAcknowledgment? ack = Build(Requested().Unb(2, "MÜLLER:ZZ"));

        Assert.That(Tagged(ack, "UNB").Single(), Does.StartWith("UNB+UNOC:3+RECEIVER:14+MÜLLER:ZZ+"));
        Assert.That(Tagged(ack, "UCI").Single(), Does.StartWith("UCI+REF1+MÜLLER:ZZ+"));
    }

    // UNA only when the inbound used service characters other than the defaults of its syntax version.

    [TestCase(null, "UNOC:3", "240115:1200")]
    [TestCase(EdifactTestDocuments.DefaultServiceCharacters, "UNOC:3", "240115:1200")]
    [TestCase(null, "UNOC:4", "20240115:1200")]
    public void Build_DefaultServiceCharacters_WritesNoUna(string? una, string syntax, string date)
    {
        EdifactTestDocuments document = Requested().Unb(1, syntax).Unb(4, date);
        if (una is not null)
        {
            document.WithUna(una);
        }

        string text = Text(Build(document));

        Assert.That(text, Does.StartWith("UNB+"));
    }

    [TestCase("=*.! ~", "UCI*REF1*SENDER=14*RECEIVER=14*7~")]
    [TestCase(":+,? '", "UCI+REF1+SENDER:14+RECEIVER:14+7'")]
    [TestCase(":+.?*'", "UCI+REF1+SENDER:14+RECEIVER:14+7'")]
    public void Build_OtherServiceCharacters_WritesUnaAndUsesThem(string una, string uci)
    {
        string[] lines = Text(Build(Requested().WithUna(una))).Split('\n');

        Assert.That(lines[0], Is.EqualTo("UNA" + una));
        Assert.That(lines[3], Is.EqualTo(uci));
    }

    [TestCase(":+.?A'")]   // a letter for repetition would be read inside "UNA", "UNB" and "UNOC"
    [TestCase(":+.?1'")]
    [TestCase(": .?*'")]
    public void Build_ServiceCharacterLetterDigitOrSpace_AnswersInTheDefaults(string una)
    {
        string[] lines = Text(Build(Requested().WithUna(una))).Split('\n');

        Assert.That(lines[0], Does.StartWith("UNB+UNOC:3+RECEIVER:14+SENDER:14+"));
        Assert.That(lines[2], Is.EqualTo("UCI+REF1+SENDER:14+RECEIVER:14+7'"));
    }

    // "If UNB mandatory data cannot be parsed, no valid CONTRL can be built" (ack-semantics.md): without a sender
    // there is nobody to address, and without a recipient no CONTRL sender.
    [TestCase(2)]
    [TestCase(3)]
    public void Build_UnbPartyEmpty_ReturnsNull(int element)
    {
        Assert.That(Build(Requested().Unb(element, ":14")), Is.Null);
    }

    // Golden files: the whole CONTRL, byte for byte (TestData/edifact/contrl, written by hand from
    // shared/notes/ack-semantics.md and ISO 9735). A mismatch leaves the actual output in the test's work directory.

    private static IEnumerable<TestCaseData> GoldenCases() =>
    [
        // Accepted, received, or beyond our schemas.
        Golden("valid", Requested()),
        Golden("receipt-only", Orders().Unb(9, "2")),
        Golden("group-valid", Requested().InGroup()),
        Golden("message-without-schema", Requested().Unh(2, "ORDERS:D:03B:UN")),
        Golden("released-delimiters", Requested().Replace("BGM", "BGM+220+PO?+47?:11???'+9")),
        Golden("una-other-service-characters", Requested().WithUna("=*.! ~")),
        Golden("syntax4-valid", Requested().Syntax4()),

        // Interchange envelope: UCI 4 with the 0085 code, the service segment and S011.
        Golden("unb5-differs-from-unz2", Requested().Unz(2, "REF2")),
        Golden("unz1-wrong-count", Requested().Unz(1, "2")),
        Golden("unz-missing", Requested().WithoutUnz()),
        Golden("unb1-unknown-syntax", Requested().Unb(1, "UNOZ:3")),
        Golden("unb1-syntax-version-5", Requested().Unb(1, "UNOC:5")),
        Golden("unb4-invalid-date", Requested().Unb(4, "240230:1200")),
        new TestCaseData("unb3-not-ours", Requested().ToString(), "GATEWAY").SetArgDisplayNames("unb3-not-ours"),
        Golden("groups-and-messages-mixed", Requested().AddGroup("G1", "2")),
        Golden("segment-outside-message", Requested().BeforeUnz("DTM+137:20240115:102")),

        // Group envelope: UCF 4.
        Golden("une1-wrong-count", Requested().InGroup().Une(1, "2")),
        Golden("une2-differs-from-ung5", Requested().InGroup().Une(2, "G2")),

        // Message envelope: UCM 4 with the 0085 code and service segment.
        Golden("unh1-differs-from-unt2", Requested().Unt(2, "2")),
        Golden("unt1-wrong-count", Requested().Unt(1, "11")),
        Golden("unt-missing", Requested().WithoutUnt()),
        Golden("unh1-repeated", Requested().CopyMessage("1")),
        Golden("unh-version-invalid", Requested().Unh(2, "ORDERS:X:96A:UN")),

        // Segments: UCS with 0085 13, 15, 35, 36.
        Golden("mandatory-segment-missing", Requested().Remove("BGM")),
        Golden("unrecognized-segment", Requested().InsertAfter("QTY", "ZZZ+1")),
        Golden("segment-not-in-message", Requested().InsertAfter("QTY", "CPS+1")),
        Golden("unexpected-segment", Requested().InsertAfter("QTY", "COM+0123:TE")),
        Golden("segment-out-of-order", Requested().InsertAfter("UNS", "PAT+1")),
        Golden("segment-repeated", Requested().InsertAfter("BGM", "BGM+220+PO-4712+9")),
        Golden("segment-group-over-maximum", Requested().InsertAfter("DTM", [.. Enumerable.Range(1, 11).Select(i => $"RFF+CT:C-{i}")])),

        // Elements: UCS, then UCD with 0085 12, 13, 16, 21, 35, 37, 39, 40, 45.
        Golden("invalid-code-value", Requested().Replace("UNS", "UNS+X")),
        Golden("mandatory-element-missing", Requested().Replace("NAD", "NAD++5412345000013::9")),
        Golden("mandatory-component-missing", Requested().Replace("QTY", "QTY+:48")),
        Golden("too-many-elements", Requested().Replace("UNS", "UNS+S+X")),
        Golden("too-many-components", Requested().Replace("QTY", "QTY+21:48:EA:X")),
        Golden("component-separator-in-simple-element", Requested().Replace("UNS", "UNS+S:X")),
        Golden("unoa-lowercase", Requested().Unb(1, "UNOA:3").Replace("BGM", "BGM+220+po-4711+9")),
        Golden("data-element-repeated", Requested().Syntax4().Replace("BGM", "BGM+220+PO-4711*PO-4712+9")),
        Golden("alphabetic-element-with-digit", Requested().Replace("UNS", "UNS+1")),
        Golden("numeric-element-with-letter", Requested().Replace("QTY", "QTY+21:4B")),
        Golden("alphabetic-element-too-long", Requested().Replace("UNS", "UNS+DD")),
        Golden("element-too-long", Requested().Replace("BGM", "BGM+220+PO-4711-REVISION-0000000000000000000+9")),
        Golden("element-too-short", EdifactTestDocuments.DespatchAdvice().Unb(9, "1").Replace("DGS", "DGS+ADR++123")),
        Golden("trailing-separator", Requested().Replace("BGM", "BGM+220+PO-4711+9+")),
        Golden("trailing-component-separator", Requested().Replace("QTY", "QTY+21:48:")),
    ];

    [TestCaseSource(nameof(GoldenCases))]
    public void Build_Interchange_MatchesGoldenFile(string name, string edifact, string? ourId)
    {
        string file = $"{name}.contrl";
        var validation = new EdifactValidatorOptions { OurRecipientIds = ourId is null ? null : [ourId] };

        EdifactAcknowledgment? ack = Build(edifact, validation: validation);

        string actual = Text(ack);
        string expected = File.ReadAllText(GoldenPath(file), Encoding.Latin1);
        if (actual != expected)
        {
            KeepActual(file, actual);
        }
        Assert.That(actual, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(GoldenCases))]
    public void Build_Interchange_ContrlReadsBackAsValidInterchange(string name, string edifact, string? ourId)
    {
        var validation = new EdifactValidatorOptions { OurRecipientIds = ourId is null ? null : [ourId] };
        EdifactAcknowledgment ack = Build(edifact, validation: validation) ?? throw new AssertionException($"no CONTRL for {name}");

        EdifactInterchangeResult back = EdifactTestDocuments.Validate(ack.Content);

        Assert.Multiple(() =>
        {
            // No schema holds the CONTRL directories D3 and 41: a warning says so.
            Assert.That(back.AllIssues.Where(i => i.Severity == EdiSeverity.Error), Is.Empty, "the CONTRL must be valid EDIFACT itself");
            Assert.That(back.Groups.SelectMany(g => g.Messages).Select(m => m.Type), Is.EqualTo(new[] { "CONTRL" }));
            Assert.That(back.Interchange.ControlReference, Is.EqualTo(ack.ControlReference));
            Assert.That(back.Interchange.AcknowledgmentRequested, Is.False, "a CONTRL never asks for a CONTRL");
        });
    }

    [Test]
    public void GoldenFiles_EachHasACase()
    {
        var cases = GoldenCases().Select(c => $"{c.Arguments[0]}.contrl");
        var files = Directory.GetFiles(GoldenPath("")).Select(Path.GetFileName);

        Assert.That(files, Is.EquivalentTo(cases));
    }

    private static TestCaseData Golden(string name, EdifactTestDocuments document) =>
        new TestCaseData(name, document.ToString(), null).SetArgDisplayNames(name);

    private static TestCaseData Case(string name, EdifactTestDocuments document, string expected) =>
        new TestCaseData(document.ToString(), expected).SetArgDisplayNames(name);

    private static EdifactAcknowledgmentOptions Options(EdifactAcknowledgmentPolicy policy = EdifactAcknowledgmentPolicy.WhenRequested, bool positive = false) => new()
    {
        Policy = policy,
        Positive = positive,
        TimeProvider = new EdifactTestDocuments.FixedTimeProvider(),
        SegmentSuffix = "\n",
    };

    private static EdifactAcknowledgment? Build(EdifactTestDocuments document, EdifactAcknowledgmentOptions? options = null, string reference = "1") =>
        Build(document.ToString(), options, reference: reference);

    private static EdifactAcknowledgment? Build(string edifact, EdifactAcknowledgmentOptions? options = null, EdifactValidatorOptions? validation = null, string reference = "1")
    {
        EdifactInterchangeResult result = EdifactTestDocuments.Validate(Encoding.Latin1.GetBytes(edifact), validation);
        return new EdifactContrlBuilder(() => reference, options ?? Options()).Build(result);
    }

    private static string Text(EdifactAcknowledgment? ack) => ack is null ? "" : Encoding.Latin1.GetString(ack.Content);

    // The segments without terminators; the builder is told to end each with "'\n" (default service characters).
    private static string[] Segments(EdifactAcknowledgment? ack) =>
        [.. Text(ack).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(s => s.TrimEnd('\''))];

    private static string[] Tags(EdifactAcknowledgment? ack) => [.. Segments(ack).Select(s => s[..3])];

    private static string[] Tagged(EdifactAcknowledgment? ack, string tag) =>
        [.. Segments(ack).Where(s => s.StartsWith(tag + "+", StringComparison.Ordinal))];

    private static string GoldenPath(string file) =>
        Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "edifact", "contrl", file);

    private static void KeepActual(string file, string actual)
    {
        string path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "contrl-actual", file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, actual, Encoding.Latin1);
        TestContext.AddTestAttachment(path, "actual CONTRL");
    }
}
