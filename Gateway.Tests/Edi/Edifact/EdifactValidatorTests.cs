using Gateway.Edi.Edifact;
using Gateway.Edi.Validation;

namespace Gateway.Tests.Edi.Edifact;

public class EdifactValidatorTests
{
    private static readonly EdifactValidatorOptions Lenient = new() { Compliance = EdiCompliance.Lenient };

    private static EdifactTestDocuments Orders() => EdifactTestDocuments.Orders();

    [Test]
    public void Validate_ValidOrders_HasNoIssues()
    {
        EdifactInterchangeResult result = Orders().Validate();

        Assert.That(result.AllIssues, Is.Empty);
        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Groups.Single().Messages.Single().Type, Is.EqualTo("ORDERS"));
    }

    [TestCase(EdifactTestDocuments.DefaultServiceCharacters)]
    [TestCase("=*.! ~")]
    [TestCase(":+,? '")]
    [TestCase(":+.?*'")]
    public void Validate_ValidOrdersWithUna_HasNoIssues(string serviceCharacters)
    {
        EdifactInterchangeResult result = Orders().WithUna(serviceCharacters).Validate();

        Assert.That(result.AllIssues, Is.Empty);
        Assert.That(result.Interchange.HasServiceStringAdvice, Is.True);
    }

    [Test]
    public void Validate_ValidOrdersInGroupWithLineBreaks_HasNoIssues()
    {
        EdifactInterchangeResult result = Orders().InGroup().CopyMessage("2").WithLineBreaks().Validate();

        Assert.That(result.AllIssues, Is.Empty);
        Assert.That(result.Groups.Single().Group!.ReferenceNumber, Is.EqualTo(EdifactTestDocuments.GroupReference));
        Assert.That(result.Groups.Single().Messages, Has.Count.EqualTo(2));
    }

    [Test]
    public void Validate_ValidDespatchAdvice_HasNoIssues()
    {
        Assert.That(EdifactTestDocuments.DespatchAdvice().Validate().AllIssues, Is.Empty);
    }

    // Interchange level: UNB (UCI, 0085 codes 2, 7, 12, 13, 25).

    [TestCase(1, "UNOZ:3", EdiIssueCode.StandardNotSupported, 1)]
    [TestCase(1, "UNOC:5", EdiIssueCode.InterchangeVersionNotSupported, 2)]
    [TestCase(2, ":14", EdiIssueCode.InvalidSenderId, 1)]
    [TestCase(3, ":14", EdiIssueCode.InvalidReceiverId, 1)]
    [TestCase(4, "240230:1200", EdiIssueCode.InvalidInterchangeDate, 1)]
    [TestCase(4, "240115:2460", EdiIssueCode.InvalidInterchangeTime, 2)]
    [TestCase(5, "REF456789012345", EdiIssueCode.InvalidInterchangeControlNumber, 0)]
    [TestCase(9, "3", EdiIssueCode.InvalidAcknowledgmentRequested, 0)]
    [TestCase(11, "2", EdiIssueCode.InvalidUsageIndicator, 0)]
    public void Validate_BadUnbField_ReportsInterchangeError(int element, string value, EdiIssueCode code, int component)
    {
        EdifactInterchangeResult result = Orders().Unb(element, value).Validate();

        AssertIssue(result.AllIssues.Single(), code, EdiIssueLevel.Interchange, "UNB", element: element, component: component);
        Assert.That(result.IsValid, Is.False);
    }

    // S004 0017 is n6 in syntax 3 and n8 in syntax 4.
    [TestCase("UNOC:3", "20240115:1200")]
    [TestCase("UNOC:4", "240115:1200")]
    public void Validate_UnbDateLengthOfOtherSyntaxVersion_ReportsInvalidInterchangeDate(string syntax, string date)
    {
        EdifactInterchangeResult result = Orders().Unb(1, syntax).Unb(4, date).Validate();

        AssertIssue(result.AllIssues.Single(), EdiIssueCode.InvalidInterchangeDate, EdiIssueLevel.Interchange, "UNB", element: 4, component: 1);
    }

    [TestCase("UNOC:4", "20240115:1200")]
    [TestCase("UNOA:2", "240115:1200")]
    [TestCase("UNOB:1", "240115:1200")]
    [TestCase("UNOY:4", "20240115:1200")]
    public void Validate_SupportedSyntax_HasNoIssues(string syntax, string date)
    {
        Assert.That(Orders().Unb(1, syntax).Unb(4, date).Validate().AllIssues, Is.Empty);
    }

    [Test]
    public void Validate_RecipientNotOurs_ReportsUnknownReceiver()
    {
        EdifactInterchangeResult result = Orders().Validate(new EdifactValidatorOptions { OurRecipientIds = ["GATEWAY"] });

        AssertIssue(result.AllIssues.Single(), EdiIssueCode.UnknownReceiver, EdiIssueLevel.Interchange, "UNB", element: 3, component: 1);
    }

    [Test]
    public void Validate_RecipientOurs_HasNoIssues()
    {
        EdifactInterchangeResult result = Orders().Validate(new EdifactValidatorOptions { OurRecipientIds = ["GATEWAY", "RECEIVER"] });

        Assert.That(result.AllIssues, Is.Empty);
    }

    // Interchange level: UNZ (0085 codes 28, 29, 13).

    [TestCase(1, "2", EdiIssueCode.GroupCountMismatch)]
    [TestCase(1, "A", EdiIssueCode.GroupCountMismatch)]
    [TestCase(2, "REF2", EdiIssueCode.InterchangeControlNumberMismatch)]
    public void Validate_BadUnzField_ReportsInterchangeError(int element, string value, EdiIssueCode code)
    {
        EdiIssue issue = Orders().Unz(element, value).Validate().AllIssues.Single();

        AssertIssue(issue, code, EdiIssueLevel.Interchange, "UNZ", element: element);
        Assert.That(issue.Value, Is.EqualTo(value));
        Assert.That(issue.InterchangeControlNumber, Is.EqualTo(EdifactTestDocuments.ControlReference));
    }

    [TestCase("1", true)]
    [TestCase("2", false)]
    public void Validate_UnzOfGroupedInterchange_CountsGroupsNotMessages(string count, bool valid)
    {
        EdifactInterchangeResult result = Orders().InGroup().CopyMessage("2").Unz(1, count).Validate();

        Assert.That(result.AllIssues.Select(i => i.Code), valid ? Is.Empty : Is.EqualTo(new[] { EdiIssueCode.GroupCountMismatch }));
    }

    [Test]
    public void Validate_UnzMissing_ReportsInterchangeTrailerMissing()
    {
        EdifactInterchangeResult result = Orders().WithoutUnz().Validate();

        AssertIssue(result.Issues.Single(), EdiIssueCode.InterchangeTrailerMissing, EdiIssueLevel.Interchange, null);
        Assert.That(result.AllIssues.Count(), Is.EqualTo(1));
    }

    [Test]
    public void Validate_FileEndsInsideGroup_ReportsEachMissingTrailerOnce()
    {
        EdifactInterchangeResult result = Orders().InGroup().WithoutUne().WithoutUnz().Validate();

        Assert.That(result.Issues.Select(i => i.Code), Is.EqualTo(new[] { EdiIssueCode.InterchangeTrailerMissing }));
        Assert.That(result.Groups.Single().Issues.Select(i => i.Code), Is.EqualTo(new[] { EdiIssueCode.GroupTrailerMissing }));
    }

    [Test]
    public void Validate_SegmentOutsideMessages_ReportsInvalidInterchangeContent()
    {
        EdiIssue issue = Orders().BeforeUnz("DTM+137:20240115:102").Validate().AllIssues.Single();

        AssertIssue(issue, EdiIssueCode.InvalidInterchangeContent, EdiIssueLevel.Interchange, "DTM");
    }

    // A message outside groups first, then a group; or a group first, then a message outside it (0085 30).
    [TestCase(false, "UNG")]
    [TestCase(true, "UNH")]
    public void Validate_GroupsAndMessagesMixed_ReportsGroupsAndMessagesMixed(bool groupFirst, string tag)
    {
        EdifactTestDocuments document = groupFirst ? Orders().InGroup().AddMessageOutsideGroups("2") : Orders().AddGroup("G1", "2");

        EdifactInterchangeResult result = document.Validate();

        AssertIssue(result.AllIssues.Single(), EdiIssueCode.GroupsAndMessagesMixed, EdiIssueLevel.Interchange, tag);
    }

    // Group level: UNE (UCF).

    [TestCase(1, "2", EdiIssueCode.TransactionSetCountMismatch)]
    [TestCase(2, "G2", EdiIssueCode.GroupControlNumberMismatch)]
    public void Validate_BadUneField_ReportsGroupError(int element, string value, EdiIssueCode code)
    {
        EdifactInterchangeResult result = Orders().InGroup().Une(element, value).Validate();

        EdiIssue issue = result.Groups.Single().Issues.Single();
        AssertIssue(issue, code, EdiIssueLevel.Group, "UNE", element: element);
        Assert.That(issue.Value, Is.EqualTo(value));
        Assert.That(issue.GroupControlNumber, Is.EqualTo(EdifactTestDocuments.GroupReference));
        Assert.That(result.AllIssues.Count(), Is.EqualTo(1));
    }

    [Test]
    public void Validate_UneMissing_ReportsGroupTrailerMissing()
    {
        EdifactInterchangeResult result = Orders().InGroup().WithoutUne().Validate();

        AssertIssue(result.Groups.Single().Issues.Single(), EdiIssueCode.GroupTrailerMissing, EdiIssueLevel.Group, null);
        Assert.That(result.AllIssues.Count(), Is.EqualTo(1));
    }

    // Message level: UNH and UNT (UCM).

    [TestCase(1, "11", EdiIssueCode.SegmentCountMismatch)]
    [TestCase(2, "2", EdiIssueCode.TransactionSetControlNumberMismatch)]
    public void Validate_BadUntField_ReportsMessageError(int element, string value, EdiIssueCode code)
    {
        EdiIssue issue = Orders().Unt(element, value).Validate().AllIssues.Single();

        AssertIssue(issue, code, EdiIssueLevel.Document, "UNT", position: 12, element: element);
        Assert.That(issue.Value, Is.EqualTo(value));
        Assert.That(issue.DocumentControlNumber, Is.EqualTo("1"));
    }

    [Test]
    public void Validate_UntMissing_ReportsTransactionSetTrailerMissing()
    {
        EdiIssue issue = Orders().WithoutUnt().Validate().AllIssues.Single();

        AssertIssue(issue, EdiIssueCode.TransactionSetTrailerMissing, EdiIssueLevel.Document, null);
        Assert.That(issue.DocumentControlNumber, Is.EqualTo("1"));
    }

    [Test]
    public void Validate_UnhReferenceRepeated_ReportsDuplicateOnSecondMessage()
    {
        EdifactGroupResult group = Orders().CopyMessage("1").Validate().Groups.Single();

        Assert.That(group.Messages[0].Issues, Is.Empty);
        AssertIssue(group.Messages[1].Issues.Single(), EdiIssueCode.DuplicateTransactionSetControlNumber, EdiIssueLevel.Document, "UNH", position: 1, element: 1);
    }

    [Test]
    public void Validate_UnhReferenceRepeatedInAnotherGroup_ReportsDuplicate()
    {
        EdifactInterchangeResult result = Orders().InGroup().AddGroup("G2", "1").Validate();

        Assert.That(result.AllIssues.Select(i => (i.Code, i.GroupControlNumber)), Is.EqualTo(new[] { (EdiIssueCode.DuplicateTransactionSetControlNumber, "G2") }));
    }

    [Test]
    public void Validate_UnhReferenceTooLong_ReportsInvalidTransactionSetControlNumber()
    {
        // UNH 0062 and UNT 0062 are an..14 in the schema too; only the envelope check matters here.
        EdiIssue issue = Orders().Unh(1, "REF456789012345").Validate().AllIssues.First(i => i.Code == EdiIssueCode.InvalidTransactionSetControlNumber);

        AssertIssue(issue, EdiIssueCode.InvalidTransactionSetControlNumber, EdiIssueLevel.Document, "UNH", position: 1, element: 1);
    }

    // S009 0052 is D, S or a service message version: 'X' is not one.
    [Test]
    public void Validate_BadMessageVersion_ReportsInvalidTransactionSetIdAndNoSchema()
    {
        EdifactInterchangeResult result = Orders().Unh(2, "ORDERS:X:96A:UN").Validate();

        EdiIssue issue = result.AllIssues.Single(i => i.Severity == EdiSeverity.Error);
        AssertIssue(issue, EdiIssueCode.InvalidTransactionSetId, EdiIssueLevel.Document, "UNH", position: 1, element: 2, component: 2);
        Assert.That(result.AllIssues.Select(i => i.Code), Does.Contain(EdiIssueCode.TransactionSetNotSupported));
    }

    [Test]
    public void Validate_DirectoryWithoutSchema_WarnsAndStaysValid()
    {
        EdifactInterchangeResult result = Orders().Unh(2, "ORDERS:D:03B:UN").Validate();

        EdiIssue issue = result.AllIssues.Single();
        AssertIssue(issue, EdiIssueCode.TransactionSetNotSupported, EdiIssueLevel.Document, "UNH", position: 1, severity: EdiSeverity.Warning);
        Assert.That(issue.Message, Does.Contain("D03B"));
        Assert.That(result.IsValid, Is.True);
    }

    // Segment level (UCS): 0085 15 for any segment that cannot stand where it is, 13 missing, 35 and 36 over the maximum.

    [TestCase("QTY", "ZZZ+1", EdiIssueCode.UnrecognizedSegment, 8, "SG25")]
    [TestCase("QTY", "CPS+1", EdiIssueCode.SegmentNotInTransactionSet, 8, "SG25")]
    [TestCase("QTY", "COM+0123:TE", EdiIssueCode.UnexpectedSegment, 8, "SG25")]
    [TestCase("UNS", "PAT+1", EdiIssueCode.SegmentOutOfOrder, 11, null)]
    [TestCase("BGM", "BGM+220+PO-4712+9", EdiIssueCode.SegmentOverMaximumUse, 3, null)]
    [TestCase("UNS", "UNS+S", EdiIssueCode.SegmentOverMaximumUse, 11, null)]
    public void Validate_InsertedSegment_ReportsSegmentError(string after, string segment, EdiIssueCode code, int position, string? loop)
    {
        EdiIssue issue = Orders().InsertAfter(after, segment).Validate().AllIssues.Single();

        AssertIssue(issue, code, EdiIssueLevel.Segment, segment[..3], position: position, loop: loop);
        Assert.That(issue.DocumentControlNumber, Is.EqualTo("1"));
    }

    [TestCase("BGM", 2)]
    [TestCase("DTM", 3)]
    [TestCase("UNS", 10)]
    public void Validate_MandatorySegmentRemoved_ReportsMandatorySegmentMissingWhereItWasDue(string tag, int position)
    {
        EdiIssue issue = Orders().Remove(tag).Validate().AllIssues.Single();

        AssertIssue(issue, EdiIssueCode.MandatorySegmentMissing, EdiIssueLevel.Segment, tag, position: position);
    }

    [Test]
    public void Validate_DtmRepeated36Times_ReportsSegmentOverMaximumUse()
    {
        string[] more = [.. Enumerable.Range(1, 35).Select(i => $"DTM+2:202402{i % 28 + 1:00}:102")];

        EdiIssue issue = Orders().InsertAfter("DTM", more).Validate().AllIssues.Single();

        AssertIssue(issue, EdiIssueCode.SegmentOverMaximumUse, EdiIssueLevel.Segment, "DTM", position: 38);
    }

    [Test]
    public void Validate_SegmentGroupRepeated11Times_ReportsLoopOverMaximum()
    {
        // SG1 (RFF-DTM) repeats at most 10 times; the 11th RFF is segment 14.
        string[] references = [.. Enumerable.Range(1, 11).Select(i => $"RFF+CT:C-{i}")];

        EdiIssue issue = Orders().InsertAfter("DTM", references).Validate().AllIssues.Single();

        AssertIssue(issue, EdiIssueCode.LoopOverMaximum, EdiIssueLevel.Segment, "RFF", position: 14, loop: "SG1");
    }

    // Element level (UCD), each by replacing one segment of the base message.

    [TestCase("UNS", "UNS+X", EdiIssueCode.InvalidCodeValue, 10, null, 1, 0, "0081", "X", TestName = "{m}(closed code list)")]
    [TestCase("UNS", "UNS+1", EdiIssueCode.InvalidCharacter, 10, null, 1, 0, "0081", "1", TestName = "{m}(digit in a1)")]
    [TestCase("QTY", "QTY+21:4B", EdiIssueCode.InvalidCharacter, 7, "SG25", 1, 2, "6060", "4B", TestName = "{m}(letter in n..15)")]
    [TestCase("UNS", "UNS+DD", EdiIssueCode.ElementTooLong, 10, null, 1, 0, "0081", "DD", TestName = "{m}(a1 too long)")]
    [TestCase("BGM", "BGM+220+PO-4711-REVISION-0000000000000000000+9", EdiIssueCode.ElementTooLong, 2, null, 2, 0, "1004", "PO-4711-REVISION-0000000000000000000", TestName = "{m}(an..35 too long)")]
    [TestCase("NAD", "NAD++5412345000013::9", EdiIssueCode.MandatoryElementMissing, 4, "SG2", 1, 0, "3035", null, TestName = "{m}(simple element missing)")]
    [TestCase("QTY", "QTY+:48", EdiIssueCode.MandatoryElementMissing, 7, "SG25", 1, 1, "6063", null, TestName = "{m}(component missing)")]
    [TestCase("DTM", "DTM", EdiIssueCode.MandatoryElementMissing, 3, null, 1, 0, "C507", null, TestName = "{m}(composite missing)")]
    [TestCase("UNS", "UNS+S+X", EdiIssueCode.TooManyElements, 10, null, 2, 0, null, "X", TestName = "{m}(too many elements)")]
    [TestCase("QTY", "QTY+21:48:EA:X", EdiIssueCode.TooManyComponents, 7, "SG25", 1, 4, "C186", "X", TestName = "{m}(too many components)")]
    [TestCase("UNS", "UNS+S:X", EdiIssueCode.TooManyComponents, 10, null, 1, 0, "0081", "S:X", TestName = "{m}(component in simple element)")]
    public void Validate_ReplacedSegment_ReportsElementError(string replaced, string segment, EdiIssueCode code, int position, string? loop,
        int element, int component, string? reference, string? value)
    {
        EdiIssue issue = Orders().Replace(replaced, segment).Validate().AllIssues.Single();

        AssertIssue(issue, code, EdiIssueLevel.Element, segment[..3], position: position, element: element, component: component, loop: loop);
        Assert.Multiple(() =>
        {
            Assert.That(issue.ElementReference, Is.EqualTo(reference));
            Assert.That(issue.Value, Is.EqualTo(value));
        });
    }

    [Test]
    public void Validate_UnhS010CodeNotInList_ReportsInvalidCodeValue()
    {
        EdiIssue issue = Orders().Unh(4, "1:X").Validate().AllIssues.Single();

        AssertIssue(issue, EdiIssueCode.InvalidCodeValue, EdiIssueLevel.Element, "UNH", position: 1, element: 4, component: 2);
        Assert.That((issue.ElementReference, issue.Value), Is.EqualTo(("0073", "X")));
    }

    [Test]
    public void Validate_FixedLengthElementTooShort_ReportsElementTooShort()
    {
        // DGS C234 7124 (UNDG number) is n4.
        EdiIssue issue = EdifactTestDocuments.DespatchAdvice().Replace("DGS", "DGS+ADR++123").Validate().AllIssues.Single();

        AssertIssue(issue, EdiIssueCode.ElementTooShort, EdiIssueLevel.Element, "DGS", position: 6, element: 3, component: 1, loop: "SG17");
        Assert.That((issue.ElementReference, issue.Value), Is.EqualTo(("7124", "123")));
    }

    // Character sets: level A (UNOA) has no lower case; level B (UNOB) and UNOC have it.

    [Test]
    public void Validate_LowerCaseInUnoa_ReportsCharacterNotInRepertoire()
    {
        EdiIssue issue = Orders().Unb(1, "UNOA:3").Replace("BGM", "BGM+220+po-4711+9").Validate().AllIssues.Single();

        AssertIssue(issue, EdiIssueCode.CharacterNotInRepertoire, EdiIssueLevel.Element, "BGM", position: 2, element: 2);
        Assert.That(issue.Value, Is.EqualTo("po-4711"));
    }

    [TestCase("UNOB:3")]
    [TestCase("UNOC:3")]
    public void Validate_LowerCaseInLevelBOrLatin1_HasNoIssues(string syntax)
    {
        Assert.That(Orders().Unb(1, syntax).Replace("BGM", "BGM+220+po-4711+9").Validate().AllIssues, Is.Empty);
    }

    [Test]
    public void Validate_UnoaWithItsOwnServiceCharactersReleased_HasNoIssues()
    {
        Assert.That(Orders().Unb(1, "UNOA:3").Replace("BGM", "BGM+220+PO?+4711?:A?'B??+9").Validate().AllIssues, Is.Empty);
    }

    // Repetition: syntax 4 has '*' (no UNA needed); in syntax 3 '*' is data.

    [Test]
    public void Validate_RepetitionSeparatorInNonRepeatingElement_ReportsTooManyRepetitions()
    {
        EdiIssue issue = Orders().Syntax4().Replace("BGM", "BGM+220+PO-4711*PO-4712+9").Validate().AllIssues.Single();

        AssertIssue(issue, EdiIssueCode.TooManyRepetitions, EdiIssueLevel.Element, "BGM", position: 2, element: 2);
        Assert.Multiple(() =>
        {
            Assert.That(issue.RepetitionPosition, Is.EqualTo(2));
            Assert.That(issue.ElementReference, Is.EqualTo("1004"));
            Assert.That(issue.Value, Is.EqualTo("PO-4712"));
        });
    }

    [Test]
    public void Validate_AsteriskInSyntax3_IsData()
    {
        Assert.That(Orders().Replace("BGM", "BGM+220+PO-4711*PO-4712+9").Validate().AllIssues, Is.Empty);
    }

    // Trailing separators (0085 45): an error, a warning for a lenient partner.

    [TestCase("QTY", "QTY+21:48:", 7, 1)]
    [TestCase("BGM", "BGM+220+PO-4711+9+", 2, 4)]
    public void Validate_TrailingSeparator_ReportsTrailingSeparator(string replaced, string segment, int position, int element)
    {
        EdifactInterchangeResult result = Orders().Replace(replaced, segment).Validate();

        AssertIssue(result.AllIssues.Single(), EdiIssueCode.TrailingSeparator, EdiIssueLevel.Element, replaced, position: position, element: element);
        Assert.That(result.IsValid, Is.False);
    }

    [Test]
    public void Validate_TrailingSeparatorLenient_IsWarning()
    {
        EdifactInterchangeResult result = Orders().Replace("QTY", "QTY+21:48:").Validate(Lenient);

        EdiIssue issue = result.AllIssues.Single();
        Assert.Multiple(() =>
        {
            Assert.That(issue.Code, Is.EqualTo(EdiIssueCode.TrailingSeparator));
            Assert.That(issue.Severity, Is.EqualTo(EdiSeverity.Warning));
            Assert.That(result.IsValid, Is.True);
        });
    }

    [Test]
    public void Validate_ReleasedTrailingSeparator_IsData()
    {
        Assert.That(Orders().Replace("BGM", "BGM+220+PO-4711+9?+").Validate().AllIssues.Select(i => i.Code), Has.None.EqualTo(EdiIssueCode.TrailingSeparator));
    }

    // The release character frees a delimiter; it is neither a separator nor a character of the value's length.

    [TestCase("BGM+220+PO?+4711+9", TestName = "{m}(element separator)")]
    [TestCase("BGM+220+PO?:4711+9", TestName = "{m}(component separator)")]
    [TestCase("BGM+220+PO?'4711+9", TestName = "{m}(terminator)")]
    [TestCase("BGM+220+PO??4711+9", TestName = "{m}(release)")]
    [TestCase("BGM+220+?+?:?'??+9", TestName = "{m}(only released characters)")]
    [TestCase("BGM+220+PO-4711-REVISION-000000000000000?+00+9", TestName = "{m}(35 characters, 36 bytes)")]
    [TestCase("NAD+BY+5412345000013::9++O?'BRIEN?+SONS?:LTD", TestName = "{m}(in a composite)")]
    public void Validate_ReleasedDelimiters_AreNotErrors(string segment)
    {
        Assert.That(Orders().Replace(segment[..3], segment).Validate().AllIssues, Is.Empty);
    }

    [Test]
    public void Validate_ReleasedDelimitersWithUna_AreNotErrors()
    {
        EdifactInterchangeResult result = Orders().Replace("BGM", "BGM+220+PO?+47?:11???'+9").WithUna("=*.! ~").Validate();

        Assert.That(result.AllIssues, Is.Empty);
    }

    // Compliance.

    [TestCase("UNS", "UNS+X", EdiIssueCode.InvalidCodeValue)]
    [TestCase("UNS", "UNS+DD", EdiIssueCode.ElementTooLong)]
    [TestCase("QTY", "QTY+21:4B", EdiIssueCode.InvalidCharacter)]
    public void Validate_LenientElementDefect_IsWarning(string replaced, string segment, EdiIssueCode code)
    {
        EdifactInterchangeResult result = Orders().Replace(replaced, segment).Validate(Lenient);

        EdiIssue issue = result.AllIssues.Single();
        Assert.Multiple(() =>
        {
            Assert.That(issue.Code, Is.EqualTo(code));
            Assert.That(issue.Severity, Is.EqualTo(EdiSeverity.Warning));
            Assert.That(result.IsValid, Is.True);
        });
    }

    [Test]
    public void Validate_LenientMandatoryElementMissing_StaysError()
    {
        EdifactInterchangeResult result = Orders().Replace("NAD", "NAD++5412345000013::9").Validate(Lenient);

        Assert.That(result.AllIssues.Single().Severity, Is.EqualTo(EdiSeverity.Error));
        Assert.That(result.IsValid, Is.False);
    }

    [Test]
    public void Validate_LenientStructureAndEnvelopeDefects_StayErrors()
    {
        EdifactInterchangeResult result = Orders().InsertAfter("QTY", "ZZZ+1").Unt(1, "99").Unz(2, "REF2").Validate(Lenient);

        Assert.That(result.AllIssues.Select(i => (i.Code, i.Severity)), Is.EquivalentTo(new[]
        {
            (EdiIssueCode.UnrecognizedSegment, EdiSeverity.Error),
            (EdiIssueCode.SegmentCountMismatch, EdiSeverity.Error),
            (EdiIssueCode.InterchangeControlNumberMismatch, EdiSeverity.Error),
        }));
    }

    [Test]
    public void Validate_ElementIssue_CarriesReferencesOfItsEnvelopes()
    {
        EdiIssue issue = Orders().InGroup().Unh(1, "4711").Replace("UNS", "UNS+X").Validate().AllIssues.Single();

        Assert.Multiple(() =>
        {
            Assert.That(issue.InterchangeControlNumber, Is.EqualTo(EdifactTestDocuments.ControlReference));
            Assert.That(issue.GroupControlNumber, Is.EqualTo(EdifactTestDocuments.GroupReference));
            Assert.That(issue.DocumentControlNumber, Is.EqualTo("4711"));
            // UNB, UNG, then UNH is segment 3 of the file and UNS segment 12.
            Assert.That(issue.FileSegmentIndex, Is.EqualTo(12));
        });
    }

    [Test]
    public void Validate_MessageIssues_StayWithTheirMessage()
    {
        EdifactInterchangeResult result = Orders().CopyMessage("2").Replace("UNS", "UNS+X", message: 1).Validate();

        EdifactGroupResult group = result.Groups.Single();
        Assert.Multiple(() =>
        {
            Assert.That(result.Issues, Is.Empty);
            Assert.That(group.Messages[0].IsAccepted, Is.True);
            Assert.That(group.Messages[1].IsAccepted, Is.False);
            Assert.That(group.Messages[1].Issues.Single().DocumentControlNumber, Is.EqualTo("2"));
        });
    }

    private static void AssertIssue(EdiIssue issue, EdiIssueCode code, EdiIssueLevel level, string? tag, int position = 0, int element = 0,
        int component = 0, string? loop = null, EdiSeverity severity = EdiSeverity.Error) =>
        Assert.Multiple(() =>
        {
            Assert.That(issue.Code, Is.EqualTo(code), issue.ToString());
            Assert.That(issue.Level, Is.EqualTo(level));
            Assert.That(issue.Severity, Is.EqualTo(severity));
            Assert.That(issue.SegmentTag, Is.EqualTo(tag));
            Assert.That(issue.SegmentPosition, Is.EqualTo(position), "segment position (UNH = 1)");
            Assert.That(issue.LoopId, Is.EqualTo(loop));
            Assert.That(issue.ElementPosition, Is.EqualTo(element), "element position");
            Assert.That(issue.ComponentPosition, Is.EqualTo(component), "component position");
            Assert.That(issue.BytePosition, Is.GreaterThanOrEqualTo(0));
        });
}
