using System.Text;
using Gateway.Edi;
using Gateway.Edi.X12;
using Gateway.Edi.X12.Acknowledgments;

namespace Gateway.Tests.Edi.X12;

public class X12AcknowledgmentTests
{
    // Golden file extensions: the functional acknowledgment asked for, or a TA1 alone.
    private const string As997 = "997";
    private const string As999 = "999";
    private const string AsTa1 = "ta1";

    private static X12TestDocuments Po() => X12TestDocuments.PurchaseOrder();

    // One test per TA1, 997 and 999 segment: the exact text it gets.

    [Test]
    public void Build_AcknowledgmentRequested_Ta1AcceptsInterchange()
    {
        X12Acknowledgment? ack = Build(Po().Isa(14, "1"));

        Assert.That(Tagged(ack, "TA1"), Is.EqualTo(new[] { "TA1*000000905*240115*1200*A*000" }));
        Assert.That(ack!.TechnicalStatus, Is.EqualTo("A"));
    }

    [Test]
    public void Build_EnvelopeBroken_Ta1RejectsWithNoteCodeAndNoFunctionalAck()
    {
        X12Acknowledgment? ack = Build(Po().Iea(2, "000000906"));

        Assert.That(Tagged(ack, "TA1"), Is.EqualTo(new[] { "TA1*000000905*240115*1200*R*001" }));
        Assert.That(ack!.TechnicalStatus, Is.EqualTo("R"));
        Assert.That(ack.Groups, Is.Empty);
        Assert.That(Tagged(ack, "GS"), Is.Empty);
    }

    [Test]
    public void Build_Group_Ak1NamesFunctionalIdAndControlNumber()
    {
        Assert.That(Tagged(Build(Po().Gs(6, "4711")), "AK1"), Is.EqualTo(new[] { "AK1*PO*4711" }));
    }

    [Test]
    public void Build_Group5010_Ak1AddsVersion()
    {
        Assert.That(Tagged(Build(X12TestDocuments.PurchaseOrder5010()), "AK1"), Is.EqualTo(new[] { "AK1*PO*1*005010" }));
    }

    [Test]
    public void Build_TransactionSet_Ak2NamesTypeAndControlNumber()
    {
        Assert.That(Tagged(Build(Po().St(2, "4711")), "AK2"), Is.EqualTo(new[] { "AK2*850*4711" }));
    }

    [Test]
    public void Build_TransactionSet5010WithSt03_Ak2AddsImplementationReference()
    {
        X12Acknowledgment? ack = Build(X12TestDocuments.PurchaseOrder5010().St(3, "005010VICS"));

        Assert.That(Tagged(ack, "AK2"), Is.EqualTo(new[] { "AK2*850*0001*005010VICS" }));
    }

    [Test]
    public void Build_SegmentInError_Ak3NamesTagPositionLoopAndCode()
    {
        X12Acknowledgment? ack = Build(Po().Replace("N1", "N1*ST*ACME*92"));

        Assert.That(Tagged(ack, "AK3"), Is.EqualTo(new[] { "AK3*N1*5*N1*8" }));
    }

    [Test]
    public void Build_ElementInError_Ak4NamesPositionReferenceCodeAndValue()
    {
        X12Acknowledgment? ack = Build(Po().Replace("BEG", "BEG*00*XX*PO-4711**20240115"));

        Assert.That(Tagged(ack, "AK4"), Is.EqualTo(new[] { "AK4*2*92*7*XX" }));
    }

    [Test]
    public void Build_BadValueHoldsDelimiter_Ak4LeavesDelimiterOut()
    {
        X12Acknowledgment? ack = Build(Po().Replace("REF", "REF*DP*03:8"));

        Assert.That(Tagged(ack, "AK4"), Is.EqualTo(new[] { "AK4*2*127*13*038" }));
    }

    [Test]
    public void Build_AcceptedSet_Ak5Accepted()
    {
        Assert.That(Tagged(Build(Po()), "AK5"), Is.EqualTo(new[] { "AK5*A" }));
    }

    [Test]
    public void Build_SetInAnotherFunctionalGroup_Ak5RejectedWith18()
    {
        X12Acknowledgment? ack = Build(Po().Gs(1, "IN"));

        Assert.That(Tagged(ack, "AK1"), Is.EqualTo(new[] { "AK1*IN*1" }));
        Assert.That(Tagged(ack, "AK5"), Is.EqualTo(new[] { "AK5*R*18" }));
    }

    [Test]
    public void Build_RejectedSet_Ak5RejectedWithEachCode()
    {
        // SE01 is wrong (AK502 4) and BEG03 is missing (5, segments in error).
        X12Acknowledgment? ack = Build(Po().Replace("BEG", "BEG*00*SA***20240115").Se(1, "99"));

        Assert.That(Tagged(ack, "AK5"), Is.EqualTo(new[] { "AK5*R*4*5" }));
    }

    [Test]
    public void Build_AllSetsAccepted_Ak9Accepted()
    {
        Assert.That(Tagged(Build(Po().CopySet("0002")), "AK9"), Is.EqualTo(new[] { "AK9*A*2*2*2" }));
    }

    [Test]
    public void Build_SomeSetsRejected_Ak9Partial()
    {
        X12Acknowledgment? ack = Build(Po().CopySet("0002").Replace("BEG", "BEG*00*SA***20240115", set: 1));

        Assert.That(Tagged(ack, "AK9"), Is.EqualTo(new[] { "AK9*P*2*2*1" }));
        Assert.That(ack!.Groups, Is.EqualTo(new[] { ("1", "P") }));
    }

    [TestCase("IK3", "IK3*BEG*2**8")]
    [TestCase("IK4", "IK4*3*324*1")]
    [TestCase("IK5", "IK5*R*5")]
    public void Build_Ack999_WritesImplementationSegment(string tag, string expected)
    {
        X12Acknowledgment? ack = Build(Po().Replace("BEG", "BEG*00*SA***20240115"), Options(X12FunctionalAcknowledgmentKind.Ack999));

        Assert.That(Tagged(ack, tag), Is.EqualTo(new[] { expected }));
        Assert.That(Tagged(ack, "ST"), Is.EqualTo(new[] { "ST*999*0001" }));
        Assert.That(Segments(ack).Select(s => s[..3]), Has.None.AnyOf("AK3", "AK4", "AK5"));
    }

    [Test]
    public void Build_Ack999For5010_NamesImplementationGuideInSt03()
    {
        X12Acknowledgment? ack = Build(X12TestDocuments.PurchaseOrder5010(), Options(X12FunctionalAcknowledgmentKind.Ack999));

        Assert.That(Tagged(ack, "ST"), Is.EqualTo(new[] { "ST*999*0001*005010X231A1" }));
    }

    // When an acknowledgment is due, and what it mirrors.

    [Test]
    public void Build_GroupOfFunctionalAcknowledgments_ReturnsNull()
    {
        Assert.That(Build(FunctionalAcknowledgments()), Is.Null);
    }

    [Test]
    public void Build_GroupOfFunctionalAcknowledgmentsWithTa1Requested_SendsTa1Only()
    {
        X12Acknowledgment? ack = Build(FunctionalAcknowledgments().Isa(14, "1"));

        Assert.That(Segments(ack).Select(s => s[..3]), Is.EqualTo(new[] { "ISA", "TA1", "IEA" }));
    }

    [TestCase(X12TechnicalAcknowledgmentPolicy.WhenRequestedOrBroken, "0", null)]
    [TestCase(X12TechnicalAcknowledgmentPolicy.WhenRequestedOrBroken, "1", "A")]
    [TestCase(X12TechnicalAcknowledgmentPolicy.Always, "0", "A")]
    [TestCase(X12TechnicalAcknowledgmentPolicy.Never, "1", null)]
    public void Build_TechnicalPolicy_DecidesTa1(X12TechnicalAcknowledgmentPolicy policy, string isa14, string? status)
    {
        X12Acknowledgment? ack = Build(Po().Isa(14, isa14), Options(technical: policy));

        Assert.That(ack!.TechnicalStatus, Is.EqualTo(status));
        Assert.That(Tagged(ack, "TA1"), Has.Length.EqualTo(status is null ? 0 : 1));
        Assert.That(Tagged(ack, "AK1"), Has.Length.EqualTo(1));
    }

    [Test]
    public void Build_EnvelopeBrokenAndTa1Never_ReturnsNull()
    {
        Assert.That(Build(Po().Iea(1, "2"), Options(technical: X12TechnicalAcknowledgmentPolicy.Never)), Is.Null);
    }

    [TestCase("0", null)]
    [TestCase("1", "A")]
    public void Build_NoFunctionalAck_SendsOnlyDueTa1(string isa14, string? status)
    {
        X12Acknowledgment? ack = Build(Po().Isa(14, isa14), Options(X12FunctionalAcknowledgmentKind.None));

        Assert.That(ack?.TechnicalStatus, Is.EqualTo(status));
        Assert.That(Tagged(ack, "GS"), Is.Empty);
    }

    [TestCase("P")]
    [TestCase("T")]
    public void Build_Interchange_MirrorsVersionsAndUsage(string usage)
    {
        X12Acknowledgment? ack = Build(Po().Gs(8, "004010VICS").Isa(15, usage));

        string[] isa = Tagged(ack, "ISA").Single().Split('*');
        Assert.Multiple(() =>
        {
            Assert.That(isa[11], Is.EqualTo("U"));
            Assert.That(isa[12], Is.EqualTo("00401"));
            Assert.That(isa[15], Is.EqualTo(usage));
            Assert.That(Tagged(ack, "GS").Single().Split('*')[8], Is.EqualTo("004010VICS"));
        });
    }

    [Test]
    public void Build_Interchange5010_MirrorsIsa12AndGs08()
    {
        X12Acknowledgment? ack = Build(X12TestDocuments.PurchaseOrder5010());

        string[] isa = Tagged(ack, "ISA").Single().Split('*');
        Assert.Multiple(() =>
        {
            Assert.That(isa[11], Is.EqualTo("^"));
            Assert.That(isa[12], Is.EqualTo("00501"));
            Assert.That(Tagged(ack, "GS").Single().Split('*')[8], Is.EqualTo("005010"));
        });
    }

    [Test]
    public void Build_Interchange_SwapsSenderAndReceiver()
    {
        X12Acknowledgment? ack = Build(Po().Isa(5, "01").Isa(6, "123456789").Isa(8, "GATEWAY"));

        string[] isa = Tagged(ack, "ISA").Single().Split('*');
        string[] gs = Tagged(ack, "GS").Single().Split('*');
        Assert.Multiple(() =>
        {
            Assert.That(isa[5..9], Is.EqualTo(new[] { "ZZ", "GATEWAY        ", "01", "123456789      " }));
            Assert.That(gs[2..4], Is.EqualTo(new[] { "RECEIVERAPP", "SENDERAPP" }));
        });
    }

    [Test]
    public void Build_ControlNumbers_ComeFromSourceForTheSender()
    {
        var numbers = new RecordingControlNumbers(interchange: 4242, group: 77);

        X12Acknowledgment? ack = Build(Po().CopyGroup("2"), numbers: numbers);

        Assert.Multiple(() =>
        {
            Assert.That(ack!.InterchangeControlNumber, Is.EqualTo(4242));
            Assert.That(Tagged(ack, "ISA").Single().Split('*')[13], Is.EqualTo("000004242"));
            Assert.That(Tagged(ack, "IEA"), Is.EqualTo(new[] { "IEA*2*000004242" }));
            Assert.That(Tagged(ack, "GS").Select(s => s.Split('*')[6]), Is.EqualTo(new[] { "77", "78" }));
            Assert.That(Tagged(ack, "GE"), Is.EqualTo(new[] { "GE*1*77", "GE*1*78" }));
            Assert.That(ack.Groups, Is.EqualTo(new[] { ("1", "A"), ("2", "A") }));
            Assert.That(numbers.Calls, Is.EqualTo(new[] { "ISA ZZ SENDERID", "GS ZZ SENDERID", "GS ZZ SENDERID" }));
        });
    }

    // Inbound envelopes the reader accepts but the acknowledgment must not copy blindly.

    [Test]
    public void Build_Isa12NotDigits_SendsTa1Rejected017()
    {
        X12Acknowledgment? ack = Build(Po().Isa(12, "0040A"));

        Assert.That(Tagged(ack, "TA1"), Is.EqualTo(new[] { "TA1*000000905*240115*1200*R*017" }));
        Assert.That(X12TestDocuments.Validate(Text(ack)).AllIssues, Is.Empty, "the acknowledgment must be valid X12 itself");
    }

    [Test]
    public void Build_Version00401WithCaretInIsa11_AnswersWithValidEnvelope()
    {
        X12Acknowledgment? ack = Build(Po().Isa(11, "^"));

        Assert.That(Tagged(ack, "AK5"), Is.EqualTo(new[] { "AK5*A" }));
        Assert.That(X12TestDocuments.Validate(Text(ack)).AllIssues, Is.Empty);
    }

    [Test]
    public void Build_SpaceAsElementSeparator_SendsTa1Rejected026InStandardDelimiters()
    {
        X12Acknowledgment? ack = Build(X12TestDocuments.SpaceSeparatedEnvelope);

        AssertValidTa1(ack, "R", "026");
    }

    [Test]
    public void Build_LetterAsComponentSeparator_SendsTa1Rejected027InStandardDelimiters()
    {
        X12Acknowledgment? ack = Build(Po().Isa(16, "A"));

        AssertValidTa1(ack, "R", "027");
    }

    // Golden files: the whole acknowledgment, byte for byte (TestData/x12/acks, written by hand from
    // shared/notes/ack-semantics.md). A mismatch leaves the actual output in the test's work directory.

    private static IEnumerable<TestCaseData> GoldenCases() =>
    [
        // Interchange envelope broken: TA1 R with the TA105 note, nothing else.
        .. Golden("isa13-differs-from-iea02", Po().Iea(2, "000000906"), AsTa1),
        .. Golden("iea01-wrong-group-count", Po().Iea(1, "2"), AsTa1),
        .. Golden("isa09-invalid-date", Po().Isa(9, "240230"), AsTa1),
        .. Golden("isa10-invalid-time", Po().Isa(10, "2460"), AsTa1),
        .. Golden("isa14-invalid", Po().Isa(14, "2"), AsTa1),
        .. Golden("isa15-invalid", Po().Isa(15, "X"), AsTa1),
        .. Golden("iea-missing", Po().WithoutIea(), AsTa1),
        .. Golden("ge-and-iea-missing", Po().WithoutGe().WithoutIea(), AsTa1),
        .. Golden("stray-segment-after-group", Po().BeforeIea("REF*DP*038"), AsTa1),
        new TestCaseData("isa08-not-ours", AsTa1, Po().ToString(), "GATEWAY").SetArgDisplayNames("isa08-not-ours.ta1"),

        // Group envelope: AK9 R with the AK905 code.
        .. Golden("gs06-differs-from-ge02", Po().Ge(2, "2"), As997),
        .. Golden("ge01-wrong-set-count", Po().Ge(1, "2"), As997),
        .. Golden("ge-missing", Po().WithoutGe(), As997),
        .. Golden("gs06-repeated", Po().CopyGroup("1"), As997),

        // Transaction set envelope: AK5 R with the AK502 code.
        .. Golden("st02-differs-from-se02", Po().Se(2, "0002"), As997),
        .. Golden("se01-wrong-segment-count", Po().Se(1, "12"), As997, As999),
        .. Golden("se-missing", Po().WithoutSe(), As997),
        .. Golden("unknown-transaction-set", Po().St(1, "830"), As997),
        .. Golden("st02-repeated", Po().CopySet("0001"), As997, As999),

        // Segments: AK3 with AK304 1 to 7.
        .. Golden("unrecognized-segment", Po().InsertAfter("REF", "ZZZ*1"), As997, As999),
        .. Golden("unexpected-segment", Po().InsertAfter("BEG", "PO3*ZZ"), As997),
        .. Golden("mandatory-segment-missing", Po().Remove("BEG"), As997),
        .. Golden("loop-over-maximum", Po().InsertAfter("CTT", "CTT*2"), As997),
        .. Golden("segment-over-maximum-use", Po().InsertAfter("BEG", "BEG*00*SA*PO-4711**20240115"), As997),
        .. Golden("segment-not-in-set", Po().InsertAfter("REF", "BIG*20240115*INV-1"), As997),
        .. Golden("segment-out-of-order", Po().Remove("DTM").InsertBefore("REF", "DTM*002*20240131"), As997),

        // Elements: AK3 with AK304 8, then AK4 with AK403 1 to 10, 12, 13.
        .. Golden("mandatory-element-missing", Po().Replace("BEG", "BEG*00*SA***20240115"), As997, As999),
        .. Golden("conditional-element-missing", Po().Replace("N1", "N1*ST*ACME*92"), As997),
        .. Golden("too-many-elements", Po().Replace("N3", "N3*100 Industrial Way*Suite 1*Extra"), As997),
        .. Golden("element-too-short", Po().Replace("N4", "N4*S*IL*62701*US"), As997),
        .. Golden("element-too-long", Po().Replace("BEG", "BEG*00*SA*PO-4711-REVISION-000001**20240115"), As997),
        .. Golden("invalid-character", Po().Replace("PO1", "PO1*1*1O*EA*12.5**VP*WID-100*UP*012345678905"), As997),
        .. Golden("invalid-code-value", Po().Replace("BEG", "BEG*00*XX*PO-4711**20240115"), As997),
        .. Golden("invalid-date", Po().Replace("BEG", "BEG*00*SA*PO-4711**20240230"), As997),
        .. Golden("invalid-time", Po().Replace("DTM", "DTM*002*20240131*2460"), As997),
        .. Golden("exclusion-violated", Po().InsertAfter("PID", "QTY*01*5**FREE"), As997),
        .. Golden("too-many-repetitions", X12TestDocuments.PurchaseOrder5010().Replace("REF", "REF*DP*038^039"), As997, As999),
        .. Golden("too-many-components", Po().Replace("REF", "REF*DP*038**ZZ:1:ZZ:2:ZZ:3:X"), As997, As999),

        // Outcomes as a whole.
        .. Golden("valid", Po(), As997),
        .. Golden("ack-requested", Po().Isa(14, "1"), As997),
        .. Golden("some-sets-rejected", Po().CopySet("0002").Replace("BEG", "BEG*00*SA***20240115", set: 1), As997, As999),
    ];

    [TestCaseSource(nameof(GoldenCases))]
    public void Build_Interchange_MatchesGoldenFile(string name, string extension, string edi, string? ourId)
    {
        string file = $"{name}.{extension}";
        var validation = new X12ValidatorOptions { OurInterchangeIds = ourId is null ? null : [ourId] };
        var functional = extension == As999 ? X12FunctionalAcknowledgmentKind.Ack999 : X12FunctionalAcknowledgmentKind.Ack997;

        string actual = Text(Build(edi, Options(functional), validation));

        string expected = File.ReadAllText(GoldenPath(file), Encoding.Latin1);
        if (actual != expected)
        {
            KeepActual(file, actual);
        }
        Assert.That(actual, Is.EqualTo(expected));
        // TA102/TA103 echo ISA09/ISA10 as received, even when they are what the TA1 rejects.
        var issues = X12TestDocuments.Validate(actual).AllIssues.Where(i => i.SegmentTag != "TA1");
        Assert.That(issues, Is.Empty, "the acknowledgment must be valid X12 itself");
    }

    [Test]
    public void GoldenFiles_EachHasACase()
    {
        var cases = GoldenCases().Select(c => $"{c.Arguments[0]}.{c.Arguments[1]}");
        var files = Directory.GetFiles(GoldenPath("")).Select(Path.GetFileName);

        Assert.That(files, Is.EquivalentTo(cases));
    }

    private static TestCaseData[] Golden(string name, X12TestDocuments document, params string[] extensions) =>
        [.. extensions.Select(e => new TestCaseData(name, e, document.ToString(), null).SetArgDisplayNames($"{name}.{e}"))];

    private static X12TestDocuments FunctionalAcknowledgments() =>
        X12TestDocuments.WithSets("FA", "997", ["AK1*PO*1", "AK2*850*0001", "AK5*A", "AK9*A*1*1*1"]);

    private static X12AcknowledgmentOptions Options(
        X12FunctionalAcknowledgmentKind functional = X12FunctionalAcknowledgmentKind.Ack997,
        X12TechnicalAcknowledgmentPolicy technical = X12TechnicalAcknowledgmentPolicy.WhenRequestedOrBroken) => new()
        {
            Functional = functional,
            Technical = technical,
            TimeProvider = new X12TestDocuments.FixedTimeProvider(),
            SegmentSuffix = "\n",
        };

    private static X12Acknowledgment? Build(X12TestDocuments document, X12AcknowledgmentOptions? options = null, IX12ControlNumberSource? numbers = null) =>
        Build(document.ToString(), options, numbers: numbers);

    private static X12Acknowledgment? Build(string edi, X12AcknowledgmentOptions? options = null, X12ValidatorOptions? validation = null, IX12ControlNumberSource? numbers = null)
    {
        X12InterchangeResult result = X12TestDocuments.Validate(edi, validation);
        return new X12AcknowledgmentBuilder(numbers ?? new X12SequentialControlNumbers(), options ?? Options()).Build(result);
    }

    private static string Text(X12Acknowledgment? ack) => ack is null ? "" : Encoding.Latin1.GetString(ack.Content);

    // The segments without terminators; the builder is told to end each with "~\n".
    private static string[] Segments(X12Acknowledgment? ack) => Text(ack).Split("~\n", StringSplitOptions.RemoveEmptyEntries);

    private static string[] Tagged(X12Acknowledgment? ack, string tag) =>
        [.. Segments(ack).Where(s => s.StartsWith(tag + "*", StringComparison.Ordinal))];

    // Reads the acknowledgment back with our own reader, whatever its delimiters.
    private static void AssertValidTa1(X12Acknowledgment? ack, string status, string note)
    {
        X12InterchangeResult result = X12TestDocuments.Validate(Text(ack));
        Assert.That(result.AllIssues, Is.Empty, "the acknowledgment must be valid X12 itself");
        Segment ta1 = result.TechnicalAcknowledgments.Single();
        Assert.That((ta1[1], ta1[4], ta1[5]), Is.EqualTo(("000000905", status, note)));
        // Before 00402 ISA11 is the standards identifier U; a repetition separator there is a later version's.
        Assert.That((result.Interchange.Version, result.Interchange.Header[11]), Is.EqualTo(("00401", "U")));
    }

    private static string GoldenPath(string file) =>
        Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "x12", "acks", file);

    private static void KeepActual(string file, string actual)
    {
        string path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "acks-actual", file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, actual, Encoding.Latin1);
        TestContext.AddTestAttachment(path, "actual acknowledgment");
    }

    private sealed class RecordingControlNumbers(long interchange, long group) : IX12ControlNumberSource
    {
        private long _group = group;

        public List<string> Calls { get; } = [];

        public long NextInterchangeControlNumber(string partnerQualifier, string partnerId)
        {
            Calls.Add($"ISA {partnerQualifier} {partnerId}");
            return interchange;
        }

        public long NextGroupControlNumber(string partnerQualifier, string partnerId)
        {
            Calls.Add($"GS {partnerQualifier} {partnerId}");
            return _group++;
        }
    }
}
