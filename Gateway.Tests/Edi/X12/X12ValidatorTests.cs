using Gateway.Edi;
using Gateway.Edi.Validation;
using Gateway.Edi.X12;

namespace Gateway.Tests.Edi.X12;

public class X12ValidatorTests
{
    private static X12TestDocuments Po() => X12TestDocuments.PurchaseOrder();

    private static X12TestDocuments Po(string version) =>
        version == "005010" ? X12TestDocuments.PurchaseOrder5010() : X12TestDocuments.PurchaseOrder();

    [TestCase("004010")]
    [TestCase("005010")]
    public void Validate_ValidPurchaseOrder_HasNoIssues(string version)
    {
        X12InterchangeResult result = Po(version).Validate();

        Assert.That(result.AllIssues, Is.Empty);
        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Groups.Single().Documents.Single().Type, Is.EqualTo("850"));
    }

    [TestCase("004010")]
    [TestCase("005010")]
    public void PurchaseOrder_Isa_IsFixedWidth106Bytes(string version)
    {
        Assert.That(Po(version).ToString().IndexOf("~GS*", StringComparison.Ordinal), Is.EqualTo(105));
    }

    [Test]
    public void Validate_IsaNotFixedWidth_ThrowsEdiFormatException()
    {
        string text = Po().ToString().Replace("SENDERID       ", "SENDERID", StringComparison.Ordinal);

        var ex = Assert.Throws<EdiFormatException>(() => X12TestDocuments.Validate(text));
        Assert.That(ex!.Message, Does.Contain("ISA06"));
    }

    [Test]
    public void Validate_LineBreakAfterEachTerminator_HasNoIssues()
    {
        Assert.That(Po().WithLineBreaks().Validate().AllIssues, Is.Empty);
    }

    // File level: reader warnings, never errors.

    [TestCase("\uFEFF", EdiIssueCode.LayoutTolerated)]
    [TestCase("junk\r\n", EdiIssueCode.JunkIgnored)]
    public void Validate_BytesBeforeIsa_WarnsAndStaysValid(string before, EdiIssueCode code)
    {
        X12InterchangeResult result = Po().Before(before).Validate();

        EdiIssue issue = result.AllIssues.Single();
        Assert.Multiple(() =>
        {
            Assert.That(issue.Code, Is.EqualTo(code));
            Assert.That(issue.Level, Is.EqualTo(EdiIssueLevel.File));
            Assert.That(issue.Severity, Is.EqualTo(EdiSeverity.Warning));
            Assert.That(issue.BytePosition, Is.Zero);
            Assert.That(result.IsValid, Is.True);
        });
    }

    [TestCase("trailing junk", true)]
    [TestCase("\0\0\u001a", false)]
    public void Validate_BytesAfterIea_WarnsUnlessPadding(string after, bool warns)
    {
        X12InterchangeResult result = Po().After(after).Validate();

        Assert.That(result.AllIssues.Select(i => (i.Code, i.Severity)), warns
            ? Is.EqualTo(new[] { (EdiIssueCode.JunkIgnored, EdiSeverity.Warning) })
            : Is.Empty);
    }

    // Interchange level: the ISA fields (TA1 note codes).

    [TestCase(1, "99", EdiIssueCode.InvalidAuthorizationQualifier)]
    [TestCase(3, "99", EdiIssueCode.InvalidSecurityQualifier)]
    [TestCase(5, "XX", EdiIssueCode.InvalidSenderQualifier)]
    [TestCase(6, "", EdiIssueCode.InvalidSenderId)]
    [TestCase(7, "XX", EdiIssueCode.InvalidReceiverQualifier)]
    [TestCase(8, "", EdiIssueCode.InvalidReceiverId)]
    [TestCase(9, "240230", EdiIssueCode.InvalidInterchangeDate)]
    [TestCase(10, "2460", EdiIssueCode.InvalidInterchangeTime)]
    [TestCase(11, "X", EdiIssueCode.StandardNotSupported)]
    [TestCase(12, "0040A", EdiIssueCode.InterchangeVersionNotSupported)]
    [TestCase(13, "00000090A", EdiIssueCode.InvalidInterchangeControlNumber)]
    [TestCase(14, "2", EdiIssueCode.InvalidAcknowledgmentRequested)]
    [TestCase(15, "X", EdiIssueCode.InvalidUsageIndicator)]
    public void Validate_BadIsaField_ReportsInterchangeError(int element, string value, EdiIssueCode code)
    {
        X12InterchangeResult result = Po().Isa(element, value).Validate();

        EdiIssue issue = result.AllIssues.Single();
        AssertIssue(issue, code, EdiIssueLevel.Interchange, "ISA", element: element);
        Assert.That(issue.Value?.TrimEnd(), Is.EqualTo(value));
        Assert.That(result.EnvelopeIsValid, Is.False);
    }

    [Test]
    public void Validate_ReceiverNotOurs_ReportsUnknownReceiver()
    {
        X12InterchangeResult result = Po().Validate(new X12ValidatorOptions { OurInterchangeIds = ["GATEWAY"] });

        EdiIssue issue = result.AllIssues.Single();
        AssertIssue(issue, EdiIssueCode.UnknownReceiver, EdiIssueLevel.Interchange, "ISA", element: 8);
        Assert.That(issue.Value?.TrimEnd(), Is.EqualTo("RECEIVERID"));
    }

    [Test]
    public void Validate_ReceiverOurs_HasNoIssues()
    {
        X12InterchangeResult result = Po().Validate(new X12ValidatorOptions { OurInterchangeIds = ["GATEWAY", "RECEIVERID"] });

        Assert.That(result.AllIssues, Is.Empty);
    }

    [Test]
    public void Validate_SpaceAsElementSeparator_ReportsInvalidElementSeparator()
    {
        EdiIssue issue = X12TestDocuments.Validate(X12TestDocuments.SpaceSeparatedEnvelope).AllIssues.Single();

        AssertIssue(issue, EdiIssueCode.InvalidElementSeparator, EdiIssueLevel.Interchange, null);
        Assert.That(issue.BytePosition, Is.EqualTo(3));
    }

    [Test]
    public void Validate_LetterAsComponentSeparator_ReportsInvalidComponentSeparator()
    {
        X12InterchangeResult result = Po().Isa(16, "A").Validate();

        // Every value holding an 'A' now looks composite too; only the interchange issue matters here.
        EdiIssue issue = result.Issues.Single();
        AssertIssue(issue, EdiIssueCode.InvalidComponentSeparator, EdiIssueLevel.Interchange, null);
        Assert.That(issue.BytePosition, Is.EqualTo(104));
    }

    [TestCase(1, "2", EdiIssueCode.GroupCountMismatch)]
    [TestCase(2, "000000906", EdiIssueCode.InterchangeControlNumberMismatch)]
    public void Validate_BadIeaField_ReportsInterchangeError(int element, string value, EdiIssueCode code)
    {
        EdiIssue issue = Po().Iea(element, value).Validate().AllIssues.Single();

        AssertIssue(issue, code, EdiIssueLevel.Interchange, "IEA", element: element);
        Assert.That(issue.Value, Is.EqualTo(value));
    }

    [Test]
    public void Validate_IeaMissing_ReportsInterchangeTrailerMissing()
    {
        EdiIssue issue = Po().WithoutIea().Validate().AllIssues.Single();

        AssertIssue(issue, EdiIssueCode.InterchangeTrailerMissing, EdiIssueLevel.Interchange, null);
    }

    [Test]
    public void Validate_FileEndsInsideGroup_ReportsEachMissingTrailerOnce()
    {
        X12InterchangeResult result = Po().WithoutGe().WithoutIea().Validate();

        Assert.That(result.Issues.Select(i => i.Code), Is.EqualTo(new[] { EdiIssueCode.InterchangeTrailerMissing }));
        Assert.That(result.Groups.Single().Issues.Select(i => i.Code), Is.EqualTo(new[] { EdiIssueCode.GroupTrailerMissing }));
    }

    [Test]
    public void Validate_WellFormedTa1_KeepsItWithoutIssues()
    {
        X12InterchangeResult result = Po().AfterIsa("TA1*000000123*240114*0900*A*000").Validate();

        Assert.That(result.AllIssues, Is.Empty);
        Assert.That(result.TechnicalAcknowledgments.Single()[1], Is.EqualTo("000000123"));
    }

    [TestCase("TA1*ABC*240114*0900*A*000")]
    [TestCase("TA1*000000123*240230*0900*A*000")]
    [TestCase("TA1*000000123*240114*2460*A*000")]
    [TestCase("TA1*000000123*240114*0900*Q*000")]
    [TestCase("TA1*000000123*240114*0900*R*0A1")]
    public void Validate_Ta1WithBadField_ReportsInvalidInterchangeContent(string ta1)
    {
        EdiIssue issue = Po().AfterIsa(ta1).Validate().AllIssues.Single();

        AssertIssue(issue, EdiIssueCode.InvalidInterchangeContent, EdiIssueLevel.Interchange, "TA1");
    }

    [Test]
    public void Validate_SegmentBetweenGroups_ReportsInvalidInterchangeContent()
    {
        EdiIssue issue = Po().BeforeIea("REF*DP*038").Validate().AllIssues.Single();

        AssertIssue(issue, EdiIssueCode.InvalidInterchangeContent, EdiIssueLevel.Interchange, "REF");
    }

    [Test]
    public void Validate_TransactionSetOutsideGroup_ReportsInvalidInterchangeContent()
    {
        X12InterchangeResult result = Po().AfterIsa("ST*997*0009", "AK1*PO*1", "AK9*A*0*0*0", "SE*4*0009").Validate();

        AssertIssue(result.AllIssues.Single(), EdiIssueCode.InvalidInterchangeContent, EdiIssueLevel.Interchange, "ST");
    }

    // Group level (AK905).

    [TestCase(1, "2", EdiIssueCode.TransactionSetCountMismatch)]
    [TestCase(2, "2", EdiIssueCode.GroupControlNumberMismatch)]
    public void Validate_BadGeField_ReportsGroupError(int element, string value, EdiIssueCode code)
    {
        X12InterchangeResult result = Po().Ge(element, value).Validate();

        EdiIssue issue = result.Groups.Single().Issues.Single();
        AssertIssue(issue, code, EdiIssueLevel.Group, "GE", element: element);
        Assert.That(issue.Value, Is.EqualTo(value));
        Assert.That(result.AllIssues.Count(), Is.EqualTo(1));
    }

    [TestCase(4, "20240230", EdiIssueCode.InvalidGroupDateTime)]
    [TestCase(5, "2460", EdiIssueCode.InvalidGroupDateTime)]
    [TestCase(6, "A1", EdiIssueCode.InvalidGroupControlNumber)]
    public void Validate_BadGsField_ReportsGroupError(int element, string value, EdiIssueCode code)
    {
        X12InterchangeResult result = Po().Gs(element, value).Validate();

        EdiIssue issue = result.Groups.Single().Issues.Single();
        AssertIssue(issue, code, EdiIssueLevel.Group, "GS", element: element);
        Assert.That(issue.Value, Is.EqualTo(value));
    }

    [Test]
    public void Validate_GeMissing_ReportsGroupTrailerMissing()
    {
        X12InterchangeResult result = Po().WithoutGe().Validate();

        AssertIssue(result.Groups.Single().Issues.Single(), EdiIssueCode.GroupTrailerMissing, EdiIssueLevel.Group, null);
        Assert.That(result.EnvelopeIsValid, Is.True);
    }

    [Test]
    public void Validate_Gs06Repeated_ReportsDuplicateOnSecondGroup()
    {
        X12InterchangeResult result = Po().CopyGroup("1").Validate();

        Assert.That(result.Groups[0].Issues, Is.Empty);
        AssertIssue(result.Groups[1].Issues.Single(), EdiIssueCode.DuplicateGroupControlNumber, EdiIssueLevel.Group, "GS", element: 6);
    }

    [Test]
    public void Validate_Gs08NotAVersion_ReportsGroupVersionNotSupported()
    {
        X12GroupResult group = Po().Gs(8, "VICS").Validate().Groups.Single();

        Assert.That(group.Issues.Select(i => i.Code), Is.EqualTo(new[] { EdiIssueCode.GroupVersionNotSupported }));
        AssertIssue(group.Issues[0], EdiIssueCode.GroupVersionNotSupported, EdiIssueLevel.Group, "GS", element: 8);
    }

    // A well-formed version without schemas is still read; each set is rejected (AK502 1), not the group.
    [Test]
    public void Validate_Gs08WithoutSchemas_RejectsEachSetInstead()
    {
        X12InterchangeResult result = Po().Gs(8, "003040").Validate();

        Assert.That(result.Groups.Single().Issues, Is.Empty);
        Assert.That(result.AllIssues.Select(i => i.Code), Is.EqualTo(new[] { EdiIssueCode.TransactionSetNotSupported }));
    }

    // Document level (AK502).

    [Test]
    public void Validate_SetWithoutSchema_ReportsTransactionSetNotSupported()
    {
        EdiIssue issue = Po().St(1, "830").Validate().AllIssues.Single();

        AssertIssue(issue, EdiIssueCode.TransactionSetNotSupported, EdiIssueLevel.Document, "ST", position: 1);
        Assert.That(issue.DocumentControlNumber, Is.EqualTo("0001"));
    }

    [TestCase(1, "85A", EdiIssueCode.InvalidTransactionSetId)]
    [TestCase(2, "001", EdiIssueCode.InvalidTransactionSetControlNumber)]
    public void Validate_BadStField_ReportsDocumentError(int element, string value, EdiIssueCode code)
    {
        // Other issues follow from the same defect (no schema for "85A", ST02 too short for the dictionary).
        EdiIssue issue = Po().St(element, value).Validate().AllIssues.First(i => i.Code == code);

        AssertIssue(issue, code, EdiIssueLevel.Document, "ST", position: 1, element: element);
        Assert.That(issue.Value, Is.EqualTo(value));
    }

    [TestCase(1, "12", EdiIssueCode.SegmentCountMismatch)]
    [TestCase(2, "0002", EdiIssueCode.TransactionSetControlNumberMismatch)]
    public void Validate_BadSeField_ReportsDocumentError(int element, string value, EdiIssueCode code)
    {
        EdiIssue issue = Po().Se(element, value).Validate().AllIssues.Single();

        AssertIssue(issue, code, EdiIssueLevel.Document, "SE", position: 13, element: element);
        Assert.That(issue.Value, Is.EqualTo(value));
    }

    [Test]
    public void Validate_SeMissing_ReportsTransactionSetTrailerMissing()
    {
        EdiIssue issue = Po().WithoutSe().Validate().AllIssues.Single();

        AssertIssue(issue, EdiIssueCode.TransactionSetTrailerMissing, EdiIssueLevel.Document, null);
        Assert.That(issue.DocumentControlNumber, Is.EqualTo("0001"));
    }

    [Test]
    public void Validate_SetUnderAnotherGs01_ReportsNotInFunctionalGroup()
    {
        EdiIssue issue = Po().Gs(1, "IN").Validate().AllIssues.Single();

        AssertIssue(issue, EdiIssueCode.TransactionSetNotInFunctionalGroup, EdiIssueLevel.Document, "ST", position: 1, element: 1);
        Assert.That(issue.Value, Is.EqualTo("850"));
        Assert.That(issue.Message, Does.Contain("PO group").And.Contain("'IN'"));
    }

    [Test]
    public void Validate_St02Repeated_ReportsDuplicateOnSecondSet()
    {
        X12GroupResult group = Po().CopySet("0001").Validate().Groups.Single();

        Assert.That(group.Documents[0].Issues, Is.Empty);
        AssertIssue(group.Documents[1].Issues.Single(), EdiIssueCode.DuplicateTransactionSetControlNumber, EdiIssueLevel.Document, "ST", position: 1, element: 2);
    }

    // Segment level (AK304).

    [TestCase("REF", "ZZZ*1", EdiIssueCode.UnrecognizedSegment, 4, null)]
    [TestCase("BEG", "PO3*ZZ", EdiIssueCode.UnexpectedSegment, 3, null)]
    [TestCase("CTT", "CTT*2", EdiIssueCode.LoopOverMaximum, 13, "CTT")]
    [TestCase("BEG", "BEG*00*SA*PO-4711**20240115", EdiIssueCode.SegmentOverMaximumUse, 3, null)]
    [TestCase("REF", "BIG*20240115*INV-1", EdiIssueCode.SegmentNotInTransactionSet, 4, null)]
    [TestCase("DTM", "REF*DP*039", EdiIssueCode.SegmentOutOfOrder, 5, null)]
    [TestCase("N4", "PO4*1", EdiIssueCode.UnexpectedSegment, 8, "N1")]
    public void Validate_InsertedSegment_ReportsSegmentError(string after, string segment, EdiIssueCode code, int position, string? loop)
    {
        EdiIssue issue = Po().InsertAfter(after, segment).Validate().AllIssues.Single();

        AssertIssue(issue, code, EdiIssueLevel.Segment, segment.Split('*')[0], position: position, loop: loop);
        Assert.That(issue.DocumentControlNumber, Is.EqualTo("0001"));
    }

    [Test]
    public void Validate_BegRemoved_ReportsMandatorySegmentMissingWhereItWasDue()
    {
        EdiIssue issue = Po().Remove("BEG").Validate().AllIssues.Single();

        AssertIssue(issue, EdiIssueCode.MandatorySegmentMissing, EdiIssueLevel.Segment, "BEG", position: 2);
    }

    [Test]
    public void Validate_LineItemsRemoved_ReportsMandatoryPo1LoopMissing()
    {
        var document = Po().Remove("PO1").Remove("PID").Remove("PO1").Remove("PID");

        EdiIssue issue = document.Validate().AllIssues.Single();

        AssertIssue(issue, EdiIssueCode.MandatorySegmentMissing, EdiIssueLevel.Segment, "PO1", position: 8);
    }

    // Element level (AK403), each by replacing one segment of the base document.

    [TestCase("BEG", "BEG*00*SA***20240115", EdiIssueCode.MandatoryElementMissing, 2, null, 3, 0, "324", null)]
    [TestCase("N1", "N1*ST", EdiIssueCode.ConditionalElementMissing, 5, "N1", 2, 0, "93", null, TestName = "{m}(R0203)")]
    [TestCase("N1", "N1*ST*ACME*92", EdiIssueCode.ConditionalElementMissing, 5, "N1", 4, 0, "67", null, TestName = "{m}(P0304)")]
    [TestCase("N4", "N4*Springfield*IL*62701*US**DOCK7", EdiIssueCode.ConditionalElementMissing, 7, "N1", 5, 0, "309", null, TestName = "{m}(C0605)")]
    [TestCase("REF", "CUR*BY*USD********002", EdiIssueCode.ConditionalElementMissing, 3, null, 11, 0, "373", null, TestName = "{m}(L101112)")]
    [TestCase("PO1", "PO1*1*10*EA*12.5**VP", EdiIssueCode.ConditionalElementMissing, 8, "PO1", 7, 0, "234", null, TestName = "{m}(P0607)")]
    [TestCase("PID", "QTY*01*5**FREE", EdiIssueCode.ExclusionViolated, 9, "QTY", 4, 0, "61", null, TestName = "{m}(E0204)")]
    [TestCase("N3", "N3*100 Industrial Way*Suite 1*Extra", EdiIssueCode.TooManyElements, 6, "N1", 3, 0, null, "Extra")]
    [TestCase("N4", "N4*S*IL*62701*US", EdiIssueCode.ElementTooShort, 7, "N1", 1, 0, "19", "S")]
    [TestCase("BEG", "BEG*00*SA*PO-4711-REVISION-000001**20240115", EdiIssueCode.ElementTooLong, 2, null, 3, 0, "324", "PO-4711-REVISION-000001")]
    [TestCase("PO1", "PO1*1*1O*EA*12.5**VP*WID-100", EdiIssueCode.InvalidCharacter, 8, "PO1", 2, 0, "330", "1O")]
    [TestCase("CTT", "CTT*two", EdiIssueCode.InvalidCharacter, 12, "CTT", 1, 0, "354", "two")]
    [TestCase("BEG", "BEG*00*XX*PO-4711**20240115", EdiIssueCode.InvalidCodeValue, 2, null, 2, 0, "92", "XX")]
    [TestCase("BEG", "BEG*00*SA*PO-4711**20240230", EdiIssueCode.InvalidDate, 2, null, 5, 0, "373", "20240230")]
    [TestCase("DTM", "DTM*002*20240131*2460", EdiIssueCode.InvalidTime, 4, null, 3, 0, "337", "2460")]
    [TestCase("REF", "REF*DP*038**ZZ:1:ZZ:2:ZZ:3:X", EdiIssueCode.TooManyComponents, 3, null, 4, 7, "C040", "X", TestName = "{m}(composite)")]
    [TestCase("REF", "REF*DP*03:8", EdiIssueCode.TooManyComponents, 3, null, 2, 0, "127", "03:8", TestName = "{m}(simple element)")]
    public void Validate_ReplacedSegment_ReportsElementError(string replaced, string segment, EdiIssueCode code, int position, string? loop,
        int element, int component, string? reference, string? value)
    {
        EdiIssue issue = Po().Replace(replaced, segment).Validate().AllIssues.Single();

        AssertIssue(issue, code, EdiIssueLevel.Element, segment.Split('*')[0], position: position, loop: loop, element: element);
        Assert.Multiple(() =>
        {
            Assert.That(issue.ComponentPosition, Is.EqualTo(component));
            Assert.That(issue.ElementReference, Is.EqualTo(reference));
            Assert.That(issue.Value, Is.EqualTo(value));
        });
    }

    [Test]
    public void Validate_ElementIssue_CarriesControlNumbersOfItsEnvelopes()
    {
        EdiIssue issue = Po().Gs(6, "77").St(2, "4711").Replace("BEG", "BEG*00*XX*PO-4711**20240115").Validate().AllIssues.Single();

        Assert.Multiple(() =>
        {
            Assert.That(issue.InterchangeControlNumber, Is.EqualTo(X12TestDocuments.ControlNumber));
            Assert.That(issue.GroupControlNumber, Is.EqualTo("77"));
            Assert.That(issue.DocumentControlNumber, Is.EqualTo("4711"));
            Assert.That(issue.FileSegmentIndex, Is.EqualTo(4));
        });
    }

    [Test]
    public void Validate_RepetitionSeparatorInNonRepeatingElement_ReportsTooManyRepetitions()
    {
        EdiIssue issue = X12TestDocuments.PurchaseOrder5010().Replace("REF", "REF*DP*038^039").Validate().AllIssues.Single();

        AssertIssue(issue, EdiIssueCode.TooManyRepetitions, EdiIssueLevel.Element, "REF", position: 3, element: 2);
        Assert.Multiple(() =>
        {
            Assert.That(issue.RepetitionPosition, Is.EqualTo(2));
            Assert.That(issue.ElementReference, Is.EqualTo("127"));
            Assert.That(issue.Value, Is.EqualTo("039"));
        });
    }

    [Test]
    public void Validate_CaretWithoutRepetitionSeparator_IsData()
    {
        Assert.That(Po().Replace("REF", "REF*DP*038^039").Validate().AllIssues, Is.Empty);
    }

    // Compliance.

    [TestCase("BEG*00*XX*PO-4711**20240115", EdiIssueCode.InvalidCodeValue)]
    [TestCase("BEG*00*SA*PO-4711**20240230", EdiIssueCode.InvalidDate)]
    [TestCase("BEG*00*SA*PO-4711-REVISION-000001**20240115", EdiIssueCode.ElementTooLong)]
    public void Validate_LenientElementDefect_IsWarning(string beg, EdiIssueCode code)
    {
        X12InterchangeResult result = Po().Replace("BEG", beg).Validate(new X12ValidatorOptions { Compliance = EdiCompliance.Lenient });

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
        X12InterchangeResult result = Po().Replace("BEG", "BEG*00*SA***20240115").Validate(new X12ValidatorOptions { Compliance = EdiCompliance.Lenient });

        Assert.That(result.AllIssues.Single().Severity, Is.EqualTo(EdiSeverity.Error));
        Assert.That(result.IsValid, Is.False);
    }

    [Test]
    public void Validate_LenientStructureAndEnvelopeDefects_StayErrors()
    {
        X12InterchangeResult result = Po().InsertAfter("REF", "ZZZ*1").Se(1, "99").Validate(new X12ValidatorOptions { Compliance = EdiCompliance.Lenient });

        Assert.That(result.AllIssues.Select(i => (i.Code, i.Severity)), Is.EquivalentTo(new[]
        {
            (EdiIssueCode.UnrecognizedSegment, EdiSeverity.Error),
            (EdiIssueCode.SegmentCountMismatch, EdiSeverity.Error),
        }));
    }

    private static void AssertIssue(EdiIssue issue, EdiIssueCode code, EdiIssueLevel level, string? tag, int position = 0, string? loop = null, int element = 0) =>
        Assert.Multiple(() =>
        {
            Assert.That(issue.Code, Is.EqualTo(code), issue.ToString());
            Assert.That(issue.Level, Is.EqualTo(level));
            Assert.That(issue.Severity, Is.EqualTo(EdiSeverity.Error));
            Assert.That(issue.SegmentTag, Is.EqualTo(tag));
            Assert.That(issue.SegmentPosition, Is.EqualTo(position));
            Assert.That(issue.LoopId, Is.EqualTo(loop));
            Assert.That(issue.ElementPosition, Is.EqualTo(element));
        });
}
