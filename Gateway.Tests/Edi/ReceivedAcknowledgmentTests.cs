using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Gateway.Edi;
using Gateway.Edi.Edifact;
using Gateway.Edi.Edifact.Acknowledgments;
using Gateway.Edi.Validation;
using Gateway.Edi.X12;
using Gateway.Edi.X12.Acknowledgments;
using Gateway.Tests.Edi.Edifact;
using Gateway.Tests.Edi.X12;
using Gateway.Tests.Support;

namespace Gateway.Tests.Edi;

/// <summary>Reading the TA1, 997, 999 and CONTRL a partner sends: our own builders' output read back, other products'
/// conventions written by hand, the shared corpus, and malformed acknowledgments.</summary>
public sealed partial class ReceivedAcknowledgmentTests
{
    private static X12TestDocuments Po() => X12TestDocuments.PurchaseOrder();

    private static EdifactTestDocuments Orders() => EdifactTestDocuments.Orders().Unb(9, "1");

    // Round trips: our builder answers a defective interchange; reading its answer gives back what it was given.

    private static IEnumerable<TestCaseData> X12Defects() =>
    [
        .. X12Case("valid", Po()),
        .. X12Case("some-sets-rejected", Po().CopySet("0002").Replace("BEG", "BEG*00*SA***20240115", set: 1)),
        .. X12Case("all-sets-rejected", Po().CopySet("0002").Se(1, "99").Se(1, "98", set: 1)),
        .. X12Case("se01-wrong", Po().Se(1, "12")),
        .. X12Case("st02-differs", Po().Se(2, "0002")),
        .. X12Case("st02-repeated", Po().CopySet("0001")),
        .. X12Case("unknown-set", Po().St(1, "830")),
        .. X12Case("set-in-other-group", Po().Gs(1, "IN")),
        .. X12Case("gs06-differs", Po().Ge(2, "2")),
        .. X12Case("ge01-wrong", Po().Ge(1, "2")),
        .. X12Case("gs06-repeated", Po().CopyGroup("1")),
        .. X12Case("two-groups", Po().CopyGroup("2").Replace("BEG", "BEG*00*XX*PO-4711**20240115", group: 1)),
        .. X12Case("unrecognized-segment", Po().InsertAfter("REF", "ZZZ*1")),
        .. X12Case("mandatory-segment-missing", Po().Remove("BEG")),
        .. X12Case("segment-out-of-order", Po().Remove("DTM").InsertBefore("REF", "DTM*002*20240131")),
        .. X12Case("mandatory-element-missing", Po().Replace("BEG", "BEG*00*SA***20240115")),
        .. X12Case("invalid-code-value", Po().Replace("BEG", "BEG*00*XX*PO-4711**20240115")),
        .. X12Case("several-element-errors", Po().Replace("BEG", "BEG*00*XX*PO-4711**20240230").Replace("N4", "N4*S*IL*62701*US")),
        .. X12Case("too-many-components", Po().Replace("REF", "REF*DP*038**ZZ:1:ZZ:2:ZZ:3:X")),
        .. X12Case("too-many-repetitions", X12TestDocuments.PurchaseOrder5010().Replace("REF", "REF*DP*038^039")),
    ];

    [TestCaseSource(nameof(X12Defects))]
    public void Read_own_997_and_999_give_back_what_the_builder_was_given(string name, string edi, X12FunctionalAcknowledgmentKind kind)
    {
        X12InterchangeResult inbound = X12TestDocuments.Validate(edi);
        X12Acknowledgment built = new X12AcknowledgmentBuilder(new X12SequentialControlNumbers(), X12Options(kind)).Build(inbound)
            ?? throw new AssertionException($"no acknowledgment for {name}");

        var read = X12Sets(built.Content).Select(X12ReceivedAcknowledgment.Read).ToList();

        Assert.That(read.Select(a => (a.GroupControlNumber, Letter(a.GroupStatus))), Is.EqualTo(built.Groups), "group control numbers and AK901");
        Assert.That(read, Has.Count.EqualTo(inbound.Groups.Count));
        for (int g = 0; g < read.Count; g++)
        {
            X12ReceivedAcknowledgment ack = read[g];
            X12GroupResult group = inbound.Groups[g];
            var documents = group.Documents;
            Assert.Multiple(() =>
            {
                Assert.That(ack.Kind, Is.EqualTo(kind == X12FunctionalAcknowledgmentKind.Ack999 ? "999" : "997"));
                Assert.That(ack.FunctionalId, Is.EqualTo(group.Group.FunctionalId));
                Assert.That((ack.SetsReceived, ack.SetsAccepted), Is.EqualTo((documents.Count, documents.Count(d => d.IsAccepted))));
                Assert.That(Codes(ack.GroupErrors, GroupCode()), Is.EquivalentTo(ErrorsOf(group.Issues).Select(i => X12AcknowledgmentCodes.GroupError(i.Code)).OfType<string>().Distinct()));
                Assert.That(ack.Sets.Select(s => (s.Type, s.ControlNumber, s.Status)),
                    Is.EqualTo(documents.Select(d => (d.Type, d.ControlNumber, d.IsAccepted ? X12AcknowledgmentStatus.Accepted : X12AcknowledgmentStatus.Rejected))));
            });
            for (int s = 0; s < documents.Count; s++)
            {
                AssertSetErrors(ack.Sets[s], documents[s]);
            }
        }
    }

    [Test]
    public void Read_own_997_puts_each_code_in_a_sentence()
    {
        X12ReceivedAcknowledgment ack = ReadOwn(Po().Replace("BEG", "BEG*00*XX*PO-4711**20240115").Se(1, "99"), X12FunctionalAcknowledgmentKind.Ack997);

        Assert.That(ack.Sets.Single().Errors, Is.EqualTo(new[]
        {
            "AK502 4: number of included segments does not match actual count",
            "AK503 5: one or more segments in error",
            "segment BEG at position 2: segment has data element errors (AK304 8); element 2 (BEG02, data element 92): invalid code value 'XX' (AK403 7)",
        }));
    }

    [Test]
    public void Read_own_999_uses_ik_codes_in_its_sentences()
    {
        X12ReceivedAcknowledgment ack = ReadOwn(Po().Replace("BEG", "BEG*00*SA***20240115"), X12FunctionalAcknowledgmentKind.Ack999);

        Assert.That(ack.Sets.Single().Errors, Is.EqualTo(new[]
        {
            "IK502 5: one or more segments in error",
            "segment BEG at position 2: segment has data element errors (IK304 8); element 3 (BEG03, data element 324): required data element missing (IK403 1)",
        }));
    }

    private static IEnumerable<TestCaseData> Ta1Defects() =>
    [
        new TestCaseData(Po().Isa(14, "1").ToString()).SetArgDisplayNames("ack-requested"),
        new TestCaseData(Po().Iea(2, "000000906").ToString()).SetArgDisplayNames("isa13-differs-from-iea02"),
        new TestCaseData(Po().Iea(1, "2").ToString()).SetArgDisplayNames("iea01-wrong"),
        new TestCaseData(Po().Isa(9, "240230").ToString()).SetArgDisplayNames("isa09-invalid"),
        new TestCaseData(Po().Isa(10, "2460").ToString()).SetArgDisplayNames("isa10-invalid"),
        new TestCaseData(Po().Isa(12, "0040A").ToString()).SetArgDisplayNames("isa12-unsupported"),
        new TestCaseData(Po().Isa(14, "2").ToString()).SetArgDisplayNames("isa14-invalid"),
        new TestCaseData(Po().Isa(15, "X").ToString()).SetArgDisplayNames("isa15-invalid"),
        new TestCaseData(Po().Isa(16, "A").ToString()).SetArgDisplayNames("isa16-letter"),
        new TestCaseData(Po().WithoutIea().ToString()).SetArgDisplayNames("iea-missing"),
        new TestCaseData(Po().BeforeIea("REF*DP*038").ToString()).SetArgDisplayNames("stray-segment"),
    ];

    [TestCaseSource(nameof(Ta1Defects))]
    public void Read_own_ta1_gives_back_what_the_builder_was_given(string edi)
    {
        X12InterchangeResult inbound = X12TestDocuments.Validate(edi);
        X12Acknowledgment built = new X12AcknowledgmentBuilder(new X12SequentialControlNumbers(), X12Options(technical: X12TechnicalAcknowledgmentPolicy.Always)).Build(inbound)!;
        EdiIssue? error = inbound.Issues.FirstOrDefault(i => i.Severity == EdiSeverity.Error && i.Level == EdiIssueLevel.Interchange);

        X12InterchangeAcknowledgment ta1 = X12InterchangeAcknowledgment.Read(Ta1Segments(built.Content).Single());

        Assert.Multiple(() =>
        {
            Assert.That((ta1.InterchangeControlNumber, ta1.Date, ta1.Time), Is.EqualTo((X12TestDocuments.ControlNumber, inbound.Interchange.Date, inbound.Interchange.Time)), "TA101-TA103 echo ISA13, ISA09 and ISA10 as received");
            Assert.That(Letter(ta1.Status), Is.EqualTo(built.TechnicalStatus));
            Assert.That(ta1.NoteCode, Is.EqualTo(error is null ? "000" : X12AcknowledgmentCodes.InterchangeNote(error.Code)));
            Assert.That(ta1.Note, Is.Not.Empty.And.Not.EqualTo(Undefined));
        });
    }

    private static IEnumerable<TestCaseData> EdifactDefects() =>
    [
        .. EdifactCase("valid", Orders()),
        .. EdifactCase("receipt-only", Orders().Unb(9, "2")),
        .. EdifactCase("element-invalid", Orders().Replace("UNS", "UNS+X")),
        .. EdifactCase("component-missing", Orders().Replace("QTY", "QTY+:48")),
        .. EdifactCase("too-many-constituents", Orders().Replace("QTY", "QTY+21:48:EA:X")),
        .. EdifactCase("segment-missing", Orders().Remove("BGM")),
        .. EdifactCase("unt1-wrong", Orders().Unt(1, "99")),
        .. EdifactCase("unt2-differs", Orders().Unt(2, "2")),
        .. EdifactCase("second-message-broken", Orders().CopyMessage("2").Replace("UNS", "UNS+X", message: 1)),
        .. EdifactCase("unz2-differs", Orders().Unz(2, "REF2")),
        .. EdifactCase("unz1-wrong", Orders().Unz(1, "2")),
        .. EdifactCase("unb1-unknown", Orders().Unb(1, "UNOZ:3")),
        .. EdifactCase("mixed", Orders().AddGroup("G1", "2")),
        .. EdifactCase("in-group", Orders().InGroup()),
        .. EdifactCase("une2-differs", Orders().InGroup().Une(2, "G2")),
        .. EdifactCase("group-message-broken", Orders().InGroup().Replace("UNS", "UNS+X")),
    ];

    [TestCaseSource(nameof(EdifactDefects))]
    public void Read_own_contrl_gives_back_what_the_builder_was_given(string name, string edifact, bool positive)
    {
        EdifactInterchangeResult inbound = EdifactTestDocuments.Validate(Encoding.Latin1.GetBytes(edifact));
        var options = new EdifactAcknowledgmentOptions { Positive = positive, TimeProvider = new EdifactTestDocuments.FixedTimeProvider() };
        EdifactAcknowledgment built = new EdifactContrlBuilder(() => "ACK1", options).Build(inbound) ?? throw new AssertionException($"no CONTRL for {name}");
        EdiIssue? error = inbound.Issues.FirstOrDefault(i => i.Severity == EdiSeverity.Error && i.Level is EdiIssueLevel.Interchange or EdiIssueLevel.File);

        EdifactReceivedContrl contrl = EdifactReceivedContrl.Read(EdifactMessages(built.Content).Single());

        Assert.Multiple(() =>
        {
            Assert.That(contrl.InterchangeReference, Is.EqualTo(EdifactTestDocuments.ControlReference));
            Assert.That(((int)contrl.InterchangeAction).ToString(CultureInfo.InvariantCulture), Is.EqualTo(built.InterchangeAction));
            Assert.That(Codes(contrl.InterchangeError is null ? [] : [contrl.InterchangeError], SyntaxCode()),
                Is.EqualTo(error is null ? Array.Empty<string>() : [EdifactSyntaxErrorCodes.Of(error.Code)]));
            Assert.That(contrl.Messages.Select(m => (m.Reference, ((int)m.Action).ToString(CultureInfo.InvariantCulture))), Is.EqualTo(built.Messages));
            Assert.That(contrl.Groups.Select(g => g.GroupReference),
                Is.EqualTo(error is null && built.InterchangeAction != "8" ? inbound.Groups.Where(g => g.Group is not null).Select(g => g.Group!.ReferenceNumber) : []));
        });
        var messages = inbound.Groups.SelectMany(g => g.Messages).ToDictionary(m => m.ReferenceNumber);
        foreach (EdifactMessageAcknowledgment message in contrl.Messages)
        {
            Assert.That(message.Type, Is.EqualTo(messages[message.Reference].Type));
            Assert.That(Codes(message.Errors, SyntaxCode()), Is.EquivalentTo(ReportableCodes(messages[message.Reference])), $"message {message.Reference}");
        }
        foreach (var (group, result) in contrl.Groups.Zip(inbound.Groups.Where(g => g.Group is not null)))
        {
            EdiIssue? groupError = ErrorsOf(result.Issues).FirstOrDefault();
            Assert.That(Codes(group.Error is null ? [] : [group.Error], SyntaxCode()), Is.EqualTo(groupError is null ? Array.Empty<string>() : [EdifactSyntaxErrorCodes.Of(groupError.Code)]));
        }
    }

    // Other products' conventions, written by hand.

    [Test]
    public void Read_997_partially_accepted_lists_each_set_with_its_errors()
    {
        // Sterling style: every set gets an AK2, accepted ones included; AK9 P when some are rejected.
        X12ReceivedAcknowledgment ack = ReadFunctional("997",
            "AK1*PO*1234", "AK2*850*0001", "AK5*A", "AK2*850*0002", "AK3*PO1*12*PO1*8", "AK4*3*355*7*XX", "AK5*R*5",
            "AK2*850*0003", "AK5*E", "AK9*P*3*3*2");

        Assert.Multiple(() =>
        {
            Assert.That((ack.Kind, ack.FunctionalId, ack.GroupControlNumber, ack.GroupStatus), Is.EqualTo(("997", "PO", "1234", X12AcknowledgmentStatus.PartiallyAccepted)));
            Assert.That((ack.SetsIncluded, ack.SetsReceived, ack.SetsAccepted), Is.EqualTo((3, 3, 2)));
            Assert.That(ack.GroupErrors, Is.Empty);
            Assert.That(ack.Sets.Select(s => (s.Type, s.ControlNumber, s.Status)), Is.EqualTo(new[]
            {
                ("850", "0001", X12AcknowledgmentStatus.Accepted),
                ("850", "0002", X12AcknowledgmentStatus.Rejected),
                ("850", "0003", X12AcknowledgmentStatus.AcceptedWithErrors),
            }));
            Assert.That(ack.Sets[1].Errors, Is.EqualTo(new[]
            {
                "AK502 5: one or more segments in error",
                "segment PO1 at position 12 (loop PO1): segment has data element errors (AK304 8); element 3 (PO103, data element 355): invalid code value 'XX' (AK403 7)",
            }));
            Assert.That(ack.Sets[0].Errors, Is.Empty);
        });
    }

    [Test]
    public void Read_999_with_context_puts_ctx_beside_the_segment_and_element()
    {
        X12ReceivedAcknowledgment ack = ReadFunctional("999",
            "AK1*HC*17456*005010X222A1", "AK2*837*0001*005010X222A1", "IK3*CLM*22*2300*8", "CTX*CLM01:123456789", "IK4*2*782*1",
            "IK4*5:3*1325*I6*X", "CTX*SITUATIONAL TRIGGER*CLM*22**5:3", "IK5*R*5", "AK2*837*0002*005010X222A1", "IK3*REF*57**I6",
            "CTX*SITUATIONAL TRIGGER*CLM*43**5:3*C023:1325", "IK5*R*I5", "AK2*837*0003", "IK5*A", "AK9*P*3*3*1");

        Assert.Multiple(() =>
        {
            Assert.That((ack.Kind, ack.GroupStatus, ack.SetsAccepted), Is.EqualTo(("999", X12AcknowledgmentStatus.PartiallyAccepted, 1)));
            Assert.That(ack.Sets.Select(s => s.Status), Is.EqualTo(new[] { X12AcknowledgmentStatus.Rejected, X12AcknowledgmentStatus.Rejected, X12AcknowledgmentStatus.Accepted }));
            Assert.That(ack.Sets[0].Errors, Is.EqualTo(new[]
            {
                "IK502 5: one or more segments in error",
                "segment CLM at position 22 (loop 2300): segment has data element errors (IK304 8), context CLM01 123456789; "
                    + "element 2 (CLM02, data element 782): required data element missing (IK403 1); "
                    + "element 5, component 3 (CLM05-3, data element 1325): code value not used in implementation 'X' (IK403 I6), "
                    + "context SITUATIONAL TRIGGER: segment CLM at position 22, element 5.3",
            }));
            Assert.That(ack.Sets[1].Errors, Is.EqualTo(new[]
            {
                "IK502 I5: implementation: one or more segments in error",
                "segment REF at position 57: implementation dependent segment missing (IK304 I6), context SITUATIONAL TRIGGER: segment CLM at position 43, element 5.3 (C023:1325)",
            }));
        });
    }

    [Test]
    public void Read_997_without_ak2_for_accepted_group_means_every_set_accepted()
    {
        // Logic Apps and others send no AK2 loops when the whole group is accepted.
        X12ReceivedAcknowledgment ack = ReadFunctional("997", "AK1*IN*77", "AK9*A*4*4*4");

        Assert.That((ack.GroupStatus, ack.Sets.Count, ack.SetsIncluded, ack.SetsAccepted), Is.EqualTo((X12AcknowledgmentStatus.Accepted, 0, 4, 4)));
    }

    [Test]
    public void Read_997_group_rejected_gives_ak905_codes_in_words()
    {
        X12ReceivedAcknowledgment ack = ReadFunctional("997", "AK1*PO*5", "AK9*R*1*0*0*4*19*42");

        Assert.That(ack.GroupErrors, Is.EqualTo(new[]
        {
            "AK905 4: group control number in the functional group header and trailer do not agree",
            "AK906 19: functional group control number not unique within interchange",
            "AK907 42: a code the standard does not define",
        }));
        Assert.That(ack.GroupStatus, Is.EqualTo(X12AcknowledgmentStatus.Rejected));
    }

    [TestCase("M", "rejected, message authentication code (MAC) failed")]
    [TestCase("W", "rejected, assurance failed validity tests")]
    [TestCase("X", "rejected, content after decryption could not be analyzed")]
    public void Read_security_statuses_read_as_rejected_and_keep_their_code(string code, string words)
    {
        X12ReceivedAcknowledgment ack = ReadFunctional("997", "AK1*PO*5", "AK2*850*0001", $"AK5*{code}*13", $"AK9*{code}*1*1*0*18");

        Assert.Multiple(() =>
        {
            Assert.That((ack.GroupStatus, ack.Sets.Single().Status), Is.EqualTo((X12AcknowledgmentStatus.Rejected, X12AcknowledgmentStatus.Rejected)));
            Assert.That(ack.Sets.Single().Errors, Is.EqualTo(new[] { $"AK501 {code}: {words}", "AK502 13: message authentication code failed" }));
            Assert.That(ack.GroupErrors, Is.EqualTo(new[] { $"AK901 {code}: {words}", "AK905 18: message authentication code failed" }));
        });
    }

    [Test]
    public void Read_ta1_rejecting_a_duplicate_gives_the_note_in_words()
    {
        X12InterchangeAcknowledgment ta1 = X12InterchangeAcknowledgment.Read(Ta1Segments(Utf8(Po().AfterIsa("TA1*000000123*240301*0930*R*025"))).Single());

        Assert.That(ta1, Is.EqualTo(new X12InterchangeAcknowledgment("000000123", "240301", "0930", X12AcknowledgmentStatus.Rejected, "025", "duplicate interchange control number")));
    }

    [TestCase("TA1*000000123*240301*0930*A*000", X12AcknowledgmentStatus.Accepted, "no error")]
    [TestCase("TA1*000000123*240301*0930*E*024", X12AcknowledgmentStatus.AcceptedWithErrors, "invalid interchange content (for example an invalid GS segment)")]
    [TestCase("TA1*000000123*240301*0930*R", X12AcknowledgmentStatus.Rejected, "no note code given")]
    [TestCase("TA1*000000123*240301*0930*R*999", X12AcknowledgmentStatus.Rejected, "a code the standard does not define")]
    public void Read_ta1_gives_status_and_note(string segment, X12AcknowledgmentStatus status, string note)
    {
        X12InterchangeAcknowledgment ta1 = X12InterchangeAcknowledgment.Read(Ta1Segments(Utf8(Po().AfterIsa(segment))).Single());

        Assert.That((ta1.Status, ta1.Note), Is.EqualTo((status, note)));
    }

    [Test]
    public void Read_thousands_of_element_errors_keeps_each_in_its_segment_sentence()
    {
        // A damaged 997 and CONTRL repeating AK4 or UCD thousands of times: every one is kept, and reading stays linear
        // (the malformed-input run times it; building the sentence by concatenation took 250 ms for 40 KB).
        const int repeats = 5_000;
        X12ReceivedAcknowledgment ack = ReadFunctional("997",
            ["AK1*PO*1", "AK2*850*0001", "AK3*N3*6*N1*8", .. Enumerable.Repeat("AK4*3**3*Extra", repeats), "AK5*R*5", "AK9*R*1*1*0"]);
        EdifactReceivedContrl contrl = ReadContrl("UCI+4711+PARTNER:14+US:14+7'UCM+17+ORDERS:D:96A:UN+4'UCS+7'" + string.Concat(Enumerable.Repeat("UCD+16+2:4'", repeats)));

        Assert.Multiple(() =>
        {
            Assert.That(ack.Sets.Single().Errors[^1].Split("; ").Count(part => part.EndsWith("(AK403 3)", StringComparison.Ordinal)), Is.EqualTo(repeats));
            Assert.That(contrl.Messages.Single().Errors[^1].Split("; ").Count(part => part.EndsWith("(0085 16)", StringComparison.Ordinal)), Is.EqualTo(repeats));
        });
    }

    [Test]
    public void Read_contrl_acknowledging_interchange_and_rejecting_a_message_reports_ucs_and_ucd()
    {
        EdifactReceivedContrl contrl = ReadContrl("UCI+4711+PARTNER:14+US:14+7'UCM+17+ORDERS:D:96A:UN:EAN008+4'UCS+5+13'UCS+8'UCD+12+3:2'UCD+39+4'"
            + "UCM+18+ORDERS:D:96A:UN+7'");

        Assert.Multiple(() =>
        {
            Assert.That((contrl.InterchangeReference, contrl.InterchangeAction, contrl.InterchangeError), Is.EqualTo(("4711", EdifactAcknowledgmentAction.Acknowledged, (string?)null)));
            Assert.That(contrl.Groups, Is.Empty);
            Assert.That(contrl.Messages.Select(m => (m.Reference, m.Type, m.Action)), Is.EqualTo(new[]
            {
                ("17", "ORDERS", EdifactAcknowledgmentAction.Rejected),
                ("18", "ORDERS", EdifactAcknowledgmentAction.Acknowledged),
            }));
            Assert.That(contrl.Messages[0].Errors, Is.EqualTo(new[]
            {
                "segment at position 5: missing (0085 13)",
                "segment at position 8; data element at position 3, component 2: invalid value (0085 12); data element at position 4: data element too long (0085 39)",
            }));
            Assert.That(contrl.Messages[1].Errors, Is.Empty);
        });
    }

    [Test]
    public void Read_contrl_acknowledging_interchange_without_ucm_means_every_message_acknowledged()
    {
        EdifactReceivedContrl contrl = ReadContrl("UCI+4711+PARTNER:14+US:14+7'");

        Assert.That((contrl.InterchangeAction, contrl.Messages.Count, contrl.Groups.Count), Is.EqualTo((EdifactAcknowledgmentAction.Acknowledged, 0, 0)));
    }

    [TestCase("UCI+4711+PARTNER:14+US:14+4+26+UNB'", EdifactAcknowledgmentAction.Rejected, "0085 26: duplicate detected (in UNB)")]
    [TestCase("UCI+4711+PARTNER:14+US:14+4+28+UNZ+3'", EdifactAcknowledgmentAction.Rejected, "0085 28: references do not match (in UNZ, data element at position 3)")]
    [TestCase("UCI+4711+PARTNER:14+US:14+4+12+UNB+5:1:2'", EdifactAcknowledgmentAction.Rejected, "0085 12: invalid value (in UNB, data element at position 5, component 1, occurrence 2)")]
    [TestCase("UCI+4711+PARTNER:14+US:14+4+44'", EdifactAcknowledgmentAction.Rejected, "0085 44: a code the syntax does not define")]
    [TestCase("UCI+4711+PARTNER:14+US:14+8'", EdifactAcknowledgmentAction.Received, null)]
    public void Read_contrl_interchange_verdict_and_error(string uci, EdifactAcknowledgmentAction action, string? error)
    {
        EdifactReceivedContrl contrl = ReadContrl(uci);

        Assert.That((contrl.InterchangeAction, contrl.InterchangeError), Is.EqualTo((action, error)));
    }

    [Test]
    public void Read_contrl_with_groups_lists_ucf_and_the_messages_under_them()
    {
        EdifactReceivedContrl contrl = ReadContrl("UCI+4711+PARTNER:14+US:14+7'UCF+G1+APP:14+US:14+4+28+UNE+3'UCF+G2+APP:14+US:14+7'"
            + "UCM+5+INVOIC:D:96A:UN+4+29+UNT+2'");

        Assert.Multiple(() =>
        {
            Assert.That(contrl.Groups, Is.EqualTo(new[]
            {
                ("G1", EdifactAcknowledgmentAction.Rejected, (string?)"0085 28: references do not match (in UNE, data element at position 3)"),
                ("G2", EdifactAcknowledgmentAction.Acknowledged, (string?)null),
            }));
            Assert.That(contrl.Messages.Single(), Is.EqualTo(contrl.Messages[0] with { Reference = "5", Type = "INVOIC", Action = EdifactAcknowledgmentAction.Rejected }));
            Assert.That(contrl.Messages[0].Errors, Is.EqualTo(new[] { "0085 29: control count does not match number of instances received (in UNT, data element at position 2)" }));
        });
    }

    // Malformed acknowledgments: a FormatException that names the segment and where it is.

    private static IEnumerable<TestCaseData> MalformedX12() =>
    [
        Malformed("ak9-missing", "997", ["AK1*PO*1", "AK2*850*0001", "AK5*A"], "SE at segment 5", "AK9 is missing"),
        Malformed("ak1-missing", "997", ["AK2*850*0001", "AK5*A", "AK9*A*1*1*1"], "AK2 at segment 2", "AK1 is missing"),
        Malformed("empty", "997", [], "SE at segment 2", "AK1 is missing"),
        Malformed("ak5-status-q", "997", ["AK1*PO*1", "AK2*850*0001", "AK5*Q", "AK9*A*1*1*1"], "AK5 at segment 4", "AK501 'Q' is not a status"),
        Malformed("ik5-status-q", "999", ["AK1*PO*1", "AK2*850*0001", "IK5*Q", "AK9*A*1*1*1"], "IK5 at segment 4", "IK501 'Q' is not a status"),
        Malformed("ak5-partial", "997", ["AK1*PO*1", "AK2*850*0001", "AK5*P", "AK9*P*1*1*0"], "AK5 at segment 4", "AK501 'P' is not a status"),
        Malformed("ak901-invalid", "997", ["AK1*PO*1", "AK9*Z*1*1*1"], "AK9 at segment 3", "AK901 'Z'"),
        Malformed("ak902-not-a-number", "997", ["AK1*PO*1", "AK9*A*one*1*1"], "AK9 at segment 3", "AK902 'one'"),
        Malformed("ak904-missing", "997", ["AK1*PO*1", "AK9*A*1*1"], "AK9 at segment 3", "AK904 ''"),
        Malformed("ak102-empty", "997", ["AK1*PO", "AK9*A*1*1*1"], "AK1 at segment 2", "AK102"),
        Malformed("ak5-missing", "997", ["AK1*PO*1", "AK2*850*0001", "AK9*A*1*1*1"], "AK9 at segment 4", "AK2 for 850 0001 at segment 3 has no AK5"),
        Malformed("ak5-outside-ak2", "997", ["AK1*PO*1", "AK5*A", "AK9*A*1*1*1"], "AK5 at segment 3", "outside an AK2 loop"),
        Malformed("ak4-without-ak3", "997", ["AK1*PO*1", "AK2*850*0001", "AK4*1**1", "AK5*R*5", "AK9*R*1*1*0"], "AK4 at segment 4", "must follow an AK3"),
        Malformed("ik5-in-997", "997", ["AK1*PO*1", "AK2*850*0001", "IK5*A", "AK9*A*1*1*1"], "IK5 at segment 4", "no place in a 997"),
        Malformed("second-ak1", "997", ["AK1*PO*1", "AK1*PO*2", "AK9*A*1*1*1"], "AK1 at segment 3", "a second AK1"),
        Malformed("after-ak9", "997", ["AK1*PO*1", "AK9*A*1*1*1", "AK2*850*0001"], "AK2 at segment 4", "nothing but SE may follow AK9"),
    ];

    [TestCaseSource(nameof(MalformedX12))]
    public void Read_malformed_997_or_999_names_the_segment(string type, string[] body, string segment, string problem)
    {
        X12TransactionSet set = X12Sets(Utf8(X12TestDocuments.WithSets("FA", type, body))).Single();

        var e = Assert.Throws<EdiFormatException>(() => X12ReceivedAcknowledgment.Read(set));

        Assert.That(e, Is.InstanceOf<FormatException>());
        Assert.That(e!.Message, Does.StartWith($"{type} 0001: {segment} (file segment ").And.Contain(problem));
        Assert.That(e.SegmentIndex, Is.EqualTo(int.Parse(Regex.Match(segment, @"\d+$").Value, CultureInfo.InvariantCulture) + 2), "the set starts at file segment 3, after ISA and GS");
        Assert.That(e.BytePosition, Is.GreaterThan(0));
    }

    [Test]
    public void Read_transaction_set_that_is_no_acknowledgment_throws_argument_exception()
    {
        X12TransactionSet po = X12Sets(Utf8(Po())).Single();

        Assert.That(() => X12ReceivedAcknowledgment.Read(po), Throws.ArgumentException.With.Message.Contains("850"));
    }

    [Test]
    public void Read_ta1_with_unknown_status_names_ta104()
    {
        Segment ta1 = Ta1Segments(Utf8(Po().AfterIsa("TA1*000000123*240301*0930*Q*000"))).Single();

        var e = Assert.Throws<EdiFormatException>(() => X12InterchangeAcknowledgment.Read(ta1));

        Assert.That(e!.Message, Does.Contain("TA1 (file segment 2").And.Contain("TA104 'Q'"));
        Assert.That((e.SegmentIndex, e.ElementIndex), Is.EqualTo((2, 4)));
    }

    [Test]
    public void Read_ta1_without_control_number_throws_format_exception()
    {
        Segment ta1 = Ta1Segments(Utf8(Po().AfterIsa("TA1**240301*0930*R*025"))).Single();

        Assert.That(() => X12InterchangeAcknowledgment.Read(ta1), Throws.InstanceOf<FormatException>().With.Message.Contains("TA101"));
    }

    [Test]
    public void Read_segment_that_is_no_ta1_throws_argument_exception()
    {
        Segment isa = X12Sets(Utf8(Po())).Single().Group!.Interchange.Header;

        Assert.Multiple(() =>
        {
            Assert.That(() => X12InterchangeAcknowledgment.Read(isa), Throws.ArgumentException.With.Message.Contains("ISA"));
            Assert.That(() => X12InterchangeAcknowledgment.Read(default), Throws.ArgumentException);
        });
    }

    [TestCase("UCM+1+ORDERS:D:96A:UN+4'", "UCM at segment 2", "UCI is missing")]
    [TestCase("", "UNT at segment 2", "UCI is missing")]
    [TestCase("UCI+4711+PARTNER:14+US:14+X'", "UCI at segment 2", "0083 'X'")]
    [TestCase("UCI+4711+PARTNER:14+US:14'", "UCI at segment 2", "0083 ''")]
    [TestCase("UCI++PARTNER:14+US:14+7'", "UCI at segment 2", "0020")]
    [TestCase("UCI+4711+PARTNER:14+US:14+7'UCM+1+ORDERS:D:96A:UN+5'", "UCM at segment 3", "0083 '5'")]
    [TestCase("UCI+4711+PARTNER:14+US:14+7'UCS+5+13'", "UCS at segment 3", "must follow a UCM")]
    [TestCase("UCI+4711+PARTNER:14+US:14+7'UCM+1+ORDERS:D:96A:UN+4'UCD+12+3'", "UCD at segment 4", "must follow a UCS")]
    [TestCase("UCI+4711+PARTNER:14+US:14+7'UCI+4712+PARTNER:14+US:14+7'", "UCI at segment 3", "a second UCI")]
    [TestCase("UCI+4711+PARTNER:14+US:14+7'ERC+12'", "ERC at segment 3", "no place in a CONTRL")]
    public void Read_malformed_contrl_names_the_segment(string body, string segment, string problem)
    {
        EdifactMessage message = ContrlMessage(body);

        var e = Assert.Throws<EdiFormatException>(() => EdifactReceivedContrl.Read(message));

        Assert.That(e!.Message, Does.StartWith($"CONTRL 1: {segment} (file segment ").And.Contain(problem));
        Assert.That(e.BytePosition, Is.GreaterThan(0));
    }

    [Test]
    public void Read_message_that_is_no_contrl_throws_argument_exception()
    {
        EdifactMessage orders = EdifactMessages(EdifactTestDocuments.Orders().ToBytes()).Single();

        Assert.That(() => EdifactReceivedContrl.Read(orders), Throws.ArgumentException.With.Message.Contains("ORDERS"));
    }

    // The shared corpus: every 997, 999 and TA1 labelled valid reads; the known-invalid ones are refused.

    public static IEnumerable<TestCaseData> Corpus997() => Corpus.Cases("x12/997", CorpusLabel.Valid);

    public static IEnumerable<TestCaseData> Corpus999() => Corpus.Cases("x12/999", CorpusLabel.Valid);

    public static IEnumerable<TestCaseData> CorpusTa1() => Corpus.Cases("x12/TA1", CorpusLabel.Valid);

    [TestCaseSource(nameof(Corpus997))]
    [TestCaseSource(nameof(Corpus999))]
    public void Read_corpus_functional_acknowledgment(CorpusFile file)
    {
        Corpus.RequirePresent();
        var sets = X12Sets(File.ReadAllBytes(file.Path));

        var acks = sets.Select(X12ReceivedAcknowledgment.Read).ToList();

        Assert.That(acks, Is.Not.Empty);
        Assert.That(acks, Has.All.Matches<X12ReceivedAcknowledgment>(a => a.Kind == file.Folder[^3..] && a.GroupControlNumber.Length > 0 && a.SetsReceived >= a.Sets.Count(s => s.Status != X12AcknowledgmentStatus.Rejected)));
        TestContext.Out.WriteLine(string.Join("\n", acks.SelectMany(a => a.Sets.SelectMany(s => s.Errors).Concat(a.GroupErrors))));
    }

    [TestCaseSource(nameof(CorpusTa1))]
    public void Read_corpus_ta1(CorpusFile file)
    {
        Corpus.RequirePresent();
        byte[] content = File.ReadAllBytes(file.Path);

        var ta1s = Ta1Segments(content).Select(X12InterchangeAcknowledgment.Read).ToList();
        var acks = X12Sets(content).Where(s => s.Type is "997" or "999").Select(X12ReceivedAcknowledgment.Read).ToList();

        Assert.That(ta1s, Is.Not.Empty);
        Assert.That(ta1s.Select(t => t.Note), Has.None.EqualTo(Undefined));
        TestContext.Out.WriteLine(string.Join("\n", ta1s.Select(t => $"{t.InterchangeControlNumber} {t.Status} {t.NoteCode} {t.Note}").Concat(acks.Select(a => $"{a.Kind} {a.GroupControlNumber} {a.GroupStatus}"))));
    }

    [Test]
    public void Read_corpus_999_with_context_gives_each_set_and_its_errors()
    {
        X12ReceivedAcknowledgment ack = X12ReceivedAcknowledgment.Read(X12Sets(CorpusBytes("staedi__simple999.edi")).Single());

        Assert.Multiple(() =>
        {
            Assert.That((ack.Kind, ack.FunctionalId, ack.GroupControlNumber, ack.GroupStatus), Is.EqualTo(("999", "HC", "17456", X12AcknowledgmentStatus.PartiallyAccepted)));
            Assert.That(ack.Sets.Select(s => (s.ControlNumber, s.Status)), Is.EqualTo(new[]
            {
                ("0001", X12AcknowledgmentStatus.Accepted), ("0002", X12AcknowledgmentStatus.Rejected), ("0003", X12AcknowledgmentStatus.Rejected),
            }));
            Assert.That(ack.Sets[1].Errors[1], Is.EqualTo(
                "segment CLM at position 22: segment has data element errors (IK304 8), context CLM01 123456789; element 2 (CLM02, data element 782): required data element missing (IK403 1)"));
            Assert.That(ack.Sets[2].Errors[1], Does.StartWith("segment REF at position 57: required segment missing (IK304 3), context SITUATIONAL TRIGGER, SITUATIONAL TRIGGER 2, SITUATIONAL TRIGGER 3: segment CLM at position 43, element 5.3 (1325)"));
        });
    }

    [Test]
    public void Read_corpus_ta1_and_997_in_one_interchange()
    {
        byte[] content = CorpusBytes("bots__testx12011.x12.base");

        X12InterchangeAcknowledgment ta1 = X12InterchangeAcknowledgment.Read(Ta1Segments(content).Single());
        X12ReceivedAcknowledgment ack = X12ReceivedAcknowledgment.Read(X12Sets(content).Single());

        Assert.Multiple(() =>
        {
            Assert.That(ta1, Is.EqualTo(new X12InterchangeAcknowledgment("000484950", "040820", "1133", X12AcknowledgmentStatus.Rejected, "018", "invalid interchange control number value")));
            Assert.That(ack.Sets.Select(s => (s.ControlNumber, s.Status, s.Errors.Count)), Is.EqualTo(new[]
            {
                ("300207436", X12AcknowledgmentStatus.Rejected, 1), ("300207437", X12AcknowledgmentStatus.Accepted, 0),
            }));
            Assert.That(ack.Sets[0].Errors, Is.EqualTo(new[] { "AK502 4: number of included segments does not match actual count" }));
            Assert.That((ack.GroupStatus, ack.SetsIncluded, ack.SetsReceived, ack.SetsAccepted), Is.EqualTo((X12AcknowledgmentStatus.Rejected, 2, 2, 1)));
            Assert.That(ack.GroupErrors, Is.EqualTo(new[] { "AK905 4: group control number in the functional group header and trailer do not agree" }));
        });
    }

    [TestCase("staedi__invalid999.edi", "IK5 at segment 2 (file segment 4", "outside an AK2 loop")]
    [TestCase("staedi__empty997.edi", "SE at segment 2", "AK1 is missing")]
    public void Read_corpus_known_invalid_acknowledgment_names_the_segment(string name, string segment, string problem)
    {
        X12TransactionSet set = X12Sets(CorpusBytes(name)).Single();

        Assert.That(() => X12ReceivedAcknowledgment.Read(set), Throws.InstanceOf<EdiFormatException>().With.Message.Contains(segment).And.Message.Contains(problem));
    }

    // The reverse tables cover every code our own builders send.

    [Test]
    public void Words_cover_every_code_the_builders_send()
    {
        var codes = Enum.GetValues<EdiIssueCode>();

        Assert.Multiple(() =>
        {
            Assert.That(codes.Select(X12AcknowledgmentCodes.InterchangeNote).Where(c => X12InterchangeAcknowledgment.NoteWords(c) == Undefined), Is.Empty);
            Assert.That(codes.Select(X12AcknowledgmentCodes.GroupError).OfType<string>().Where(c => X12ReceivedAcknowledgment.GroupErrorWords(c) == Undefined), Is.Empty);
            Assert.That(codes.Select(X12AcknowledgmentCodes.TransactionSetError).OfType<string>().Append(X12AcknowledgmentCodes.SegmentsInError)
                .Where(c => X12ReceivedAcknowledgment.SetErrorWords(c) == Undefined), Is.Empty);
            Assert.That(codes.Select(X12AcknowledgmentCodes.SegmentError).OfType<string>().Append(X12AcknowledgmentCodes.SegmentHasElementErrors)
                .Where(c => X12ReceivedAcknowledgment.SegmentErrorWords(c) == Undefined), Is.Empty);
            Assert.That(codes.Select(X12AcknowledgmentCodes.ElementError).OfType<string>().Where(c => X12ReceivedAcknowledgment.ElementErrorWords(c) == Undefined), Is.Empty);
            Assert.That(codes.Select(EdifactSyntaxErrorCodes.Of).Where(c => EdifactReceivedContrl.SyntaxErrorWords(c).StartsWith("a code", StringComparison.Ordinal)), Is.Empty);
        });
    }

    private static readonly string Undefined = X12ReceivedAcknowledgment.SetErrorWords("?");

    private static TestCaseData[] X12Case(string name, X12TestDocuments document) =>
    [
        new TestCaseData(name, document.ToString(), X12FunctionalAcknowledgmentKind.Ack997).SetArgDisplayNames(name + ".997"),
        new TestCaseData(name, document.ToString(), X12FunctionalAcknowledgmentKind.Ack999).SetArgDisplayNames(name + ".999"),
    ];

    private static TestCaseData[] EdifactCase(string name, EdifactTestDocuments document) =>
    [
        new TestCaseData(name, document.ToString(), false).SetArgDisplayNames(name),
        new TestCaseData(name, document.ToString(), true).SetArgDisplayNames(name + ".positive"),
    ];

    // What a 997/999 says about a set, from the validator's issues through the engine's code tables.
    private static void AssertSetErrors(X12SetAcknowledgment set, X12DocumentResult document)
    {
        var errors = ErrorsOf(document.Issues).ToList();
        var segmentIssues = errors.Where(i => i.Level is EdiIssueLevel.Segment or EdiIssueLevel.Element).ToList();
        var setCodes = errors.Select(i => X12AcknowledgmentCodes.TransactionSetError(i.Code)).OfType<string>().Distinct().ToList();
        if (segmentIssues.Count > 0)
        {
            setCodes.Add(X12AcknowledgmentCodes.SegmentsInError);
        }
        var segments = segmentIssues.GroupBy(i => (i.SegmentTag, i.SegmentPosition)).OrderBy(g => g.Key.SegmentPosition).ToList();
        var segmentCodes = segments.Select(g => g.FirstOrDefault(i => i.Level == EdiIssueLevel.Segment) is EdiIssue s
            ? X12AcknowledgmentCodes.SegmentError(s.Code)! : X12AcknowledgmentCodes.SegmentHasElementErrors);
        var elementCodes = segments.SelectMany(g => g.Where(i => i.Level == EdiIssueLevel.Element)).Select(i => X12AcknowledgmentCodes.ElementError(i.Code)!);

        Assert.Multiple(() =>
        {
            Assert.That(Codes(set.Errors, SetCode()), Is.EqualTo(setCodes), $"set {set.ControlNumber}: AK502-AK506");
            Assert.That(set.Errors.Select(e => SegmentAt().Match(e)).Where(m => m.Success).Select(m => (m.Groups[1].Value, m.Groups[2].Value)),
                Is.EqualTo(segments.Select(g => (g.Key.SegmentTag, g.Key.SegmentPosition.ToString(CultureInfo.InvariantCulture)))), "AK301/AK302");
            Assert.That(Codes(set.Errors, SegmentCode()), Is.EqualTo(segmentCodes), "AK304");
            Assert.That(Codes(set.Errors, ElementCode()), Is.EquivalentTo(elementCodes), "AK403");
        });
    }

    // What a CONTRL can say about a message: UCM 0085 for its first document error, UCS and UCD for its segments.
    private static IEnumerable<string> ReportableCodes(EdifactMessageResult message)
    {
        var errors = ErrorsOf(message.Issues).ToList();
        var reportable = errors.Where(i => i.Level == EdiIssueLevel.Document).Take(1)
            .Concat(errors.Where(i => i.Level == EdiIssueLevel.Segment && i.SegmentPosition > 0).GroupBy(i => i.SegmentPosition).Select(g => g.First()))
            .Concat(errors.Where(i => i.Level == EdiIssueLevel.Element && i.SegmentPosition > 0 && i.ElementPosition > 0));
        return reportable.Select(i => EdifactSyntaxErrorCodes.Of(i.Code)).Distinct();
    }

    private static IEnumerable<EdiIssue> ErrorsOf(IEnumerable<EdiIssue> issues) => issues.Where(i => i.Severity == EdiSeverity.Error);

    private static TestCaseData Malformed(string name, string type, string[] body, string segment, string problem) =>
        new TestCaseData(type, body, segment, problem).SetArgDisplayNames(name);

    private static X12ReceivedAcknowledgment ReadFunctional(string type, params string[] body) =>
        X12ReceivedAcknowledgment.Read(X12Sets(Utf8(X12TestDocuments.WithSets("FA", type, body))).Single());

    private static EdifactReceivedContrl ReadContrl(string body) => EdifactReceivedContrl.Read(ContrlMessage(body));

    // A CONTRL from a partner: UNH, the body, UNT, in an interchange of its own.
    private static EdifactMessage ContrlMessage(string body)
    {
        int count = body.Count(c => c == '\'') + 2;
        string text = $"UNB+UNOA:3+PARTNER:14+US:14+240301:0930+9001'UNH+1+CONTRL:D:3:UN'{body}UNT+{count}+1'UNZ+1+9001'";
        return EdifactMessages(Encoding.ASCII.GetBytes(text)).Single();
    }

    private static byte[] Utf8(X12TestDocuments document) => Encoding.UTF8.GetBytes(document.ToString());

    private static byte[] CorpusBytes(string name)
    {
        Corpus.RequirePresent();
        return File.ReadAllBytes(Corpus.Files.Single(f => f.Name == name).Path);
    }

    private static X12ReceivedAcknowledgment ReadOwn(X12TestDocuments document, X12FunctionalAcknowledgmentKind kind)
    {
        X12Acknowledgment built = new X12AcknowledgmentBuilder(new X12SequentialControlNumbers(), X12Options(kind)).Build(document.Validate())!;
        return X12ReceivedAcknowledgment.Read(X12Sets(built.Content).Single());
    }

    private static X12AcknowledgmentOptions X12Options(
        X12FunctionalAcknowledgmentKind kind = X12FunctionalAcknowledgmentKind.Ack997,
        X12TechnicalAcknowledgmentPolicy technical = X12TechnicalAcknowledgmentPolicy.Never) =>
        new() { Functional = kind, Technical = technical, TimeProvider = new X12TestDocuments.FixedTimeProvider() };

    private static string Letter(X12AcknowledgmentStatus status) => status switch
    {
        X12AcknowledgmentStatus.Accepted => "A",
        X12AcknowledgmentStatus.AcceptedWithErrors => "E",
        X12AcknowledgmentStatus.PartiallyAccepted => "P",
        _ => "R",
    };

    private static List<string> Codes(IEnumerable<string> sentences, Regex pattern) =>
        [.. sentences.SelectMany(s => pattern.Matches(s)).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"^(?:AK|IK)50[2-6] (\w+):")]
    private static partial Regex SetCode();

    [GeneratedRegex(@"^AK90[5-9] (\w+):")]
    private static partial Regex GroupCode();

    [GeneratedRegex(@"^segment (\S*) at position (\d+)")]
    private static partial Regex SegmentAt();

    [GeneratedRegex(@"\((?:AK|IK)304 (\w+)\)")]
    private static partial Regex SegmentCode();

    [GeneratedRegex(@"\((?:AK|IK)403 (\w+)\)")]
    private static partial Regex ElementCode();

    [GeneratedRegex(@"0085 (\d+)")]
    private static partial Regex SyntaxCode();

    // Reading whole interchanges, as the gateway receives them.

    private static List<X12TransactionSet> X12Sets(byte[] content)
    {
        using var reader = new X12Reader(new MemoryStream(content));
        var sets = new List<X12TransactionSet>();
        while (reader.Read())
        {
            if (reader.Kind == X12ReadKind.TransactionSet)
            {
                sets.Add(reader.TransactionSet!);
            }
        }
        return sets;
    }

    private static List<Segment> Ta1Segments(byte[] content)
    {
        using var reader = new X12Reader(new MemoryStream(content));
        var segments = new List<Segment>();
        while (reader.Read())
        {
            if (reader.Kind == X12ReadKind.TechnicalAcknowledgment)
            {
                segments.Add(reader.Segment!.Value);
            }
        }
        return segments;
    }

    private static List<EdifactMessage> EdifactMessages(byte[] content)
    {
        using var reader = new EdifactReader(new MemoryStream(content));
        var messages = new List<EdifactMessage>();
        while (reader.Read())
        {
            if (reader.Kind == EdifactReadKind.Message)
            {
                messages.Add(reader.Message!);
            }
        }
        return messages;
    }
}
