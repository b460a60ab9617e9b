using Gateway.Edi.Validation;

namespace Gateway.Edi.X12;

/// <summary>The codes TA1, 997 and 999 report for each <see cref="EdiIssueCode"/>.</summary>
/// <remarks>One code per defect, following shared/notes/ack-semantics.md: duplicates use the specific
/// codes (TA1 025, AK905 19, AK502 23), GS04/GS05 errors use AK905 6 as the nearest fit.</remarks>
public static class X12AcknowledgmentCodes
{
    /// <summary>The TA105 interchange note code; <c>000</c> when the code is not an interchange-level one.</summary>
    public static string InterchangeNote(EdiIssueCode code) => code switch
    {
        EdiIssueCode.InterchangeControlNumberMismatch => "001",
        EdiIssueCode.StandardNotSupported => "002",
        EdiIssueCode.InvalidSenderQualifier => "005",
        EdiIssueCode.InvalidSenderId or EdiIssueCode.UnknownSender => "006",
        EdiIssueCode.InvalidReceiverQualifier => "007",
        EdiIssueCode.InvalidReceiverId => "008",
        EdiIssueCode.UnknownReceiver => "009",
        EdiIssueCode.InvalidAuthorizationQualifier => "010",
        EdiIssueCode.InvalidSecurityQualifier => "012",
        EdiIssueCode.InvalidInterchangeDate => "014",
        EdiIssueCode.InvalidInterchangeTime => "015",
        EdiIssueCode.InterchangeVersionNotSupported => "017",
        EdiIssueCode.InvalidInterchangeControlNumber => "018",
        EdiIssueCode.InvalidAcknowledgmentRequested => "019",
        EdiIssueCode.InvalidUsageIndicator => "020",
        EdiIssueCode.GroupCountMismatch => "021",
        EdiIssueCode.InterchangeTrailerMissing => "023",
        EdiIssueCode.InvalidInterchangeContent => "024",
        EdiIssueCode.DuplicateInterchange => "025",
        EdiIssueCode.InvalidElementSeparator => "026",
        EdiIssueCode.InvalidComponentSeparator => "027",
        _ => "000",
    };

    /// <summary>The AK905 group error code, or null when the code is not a group-level one.</summary>
    public static string? GroupError(EdiIssueCode code) => code switch
    {
        EdiIssueCode.GroupNotSupported => "1",
        EdiIssueCode.GroupVersionNotSupported => "2",
        EdiIssueCode.GroupTrailerMissing => "3",
        EdiIssueCode.GroupControlNumberMismatch => "4",
        EdiIssueCode.TransactionSetCountMismatch => "5",
        EdiIssueCode.InvalidGroupControlNumber or EdiIssueCode.InvalidGroupDateTime => "6",
        EdiIssueCode.DuplicateGroupControlNumber => "19",
        _ => null,
    };

    /// <summary>The AK502/IK502 transaction set error code, or null when not a document-level code.</summary>
    public static string? TransactionSetError(EdiIssueCode code) => code switch
    {
        EdiIssueCode.TransactionSetNotSupported => "1",
        EdiIssueCode.TransactionSetTrailerMissing => "2",
        EdiIssueCode.TransactionSetControlNumberMismatch => "3",
        EdiIssueCode.SegmentCountMismatch => "4",
        EdiIssueCode.InvalidTransactionSetId => "6",
        EdiIssueCode.InvalidTransactionSetControlNumber => "7",
        EdiIssueCode.TransactionSetNotInFunctionalGroup => "18",
        EdiIssueCode.DuplicateTransactionSetControlNumber => "23",
        _ => null,
    };

    /// <summary>The AK304/IK304 segment syntax error code, or null when not a segment-level code.</summary>
    public static string? SegmentError(EdiIssueCode code) => code switch
    {
        EdiIssueCode.UnrecognizedSegment => "1",
        EdiIssueCode.UnexpectedSegment => "2",
        EdiIssueCode.MandatorySegmentMissing => "3",
        EdiIssueCode.LoopOverMaximum => "4",
        EdiIssueCode.SegmentOverMaximumUse => "5",
        EdiIssueCode.SegmentNotInTransactionSet => "6",
        EdiIssueCode.SegmentOutOfOrder => "7",
        _ => null,
    };

    /// <summary>AK304 8: the segment has data element errors.</summary>
    public const string SegmentHasElementErrors = "8";

    /// <summary>AK502 5 / IK502 5: one or more segments in error.</summary>
    public const string SegmentsInError = "5";

    /// <summary>The AK403/IK403 element syntax error code, or null when not an element-level code.</summary>
    public static string? ElementError(EdiIssueCode code) => code switch
    {
        EdiIssueCode.MandatoryElementMissing => "1",
        EdiIssueCode.ConditionalElementMissing => "2",
        EdiIssueCode.TooManyElements => "3",
        EdiIssueCode.ElementTooShort => "4",
        EdiIssueCode.ElementTooLong => "5",
        EdiIssueCode.InvalidCharacter or EdiIssueCode.CharacterNotInRepertoire => "6",
        EdiIssueCode.InvalidCodeValue => "7",
        EdiIssueCode.InvalidDate => "8",
        EdiIssueCode.InvalidTime => "9",
        EdiIssueCode.ExclusionViolated => "10",
        EdiIssueCode.TooManyRepetitions => "12",
        EdiIssueCode.TooManyComponents => "13",
        _ => null,
    };
}
