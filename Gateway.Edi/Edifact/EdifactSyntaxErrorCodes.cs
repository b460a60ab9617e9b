using Gateway.Edi.Validation;

namespace Gateway.Edi.Edifact;

/// <summary>The syntax error codes (data element 0085) a CONTRL reports for each <see cref="EdiIssueCode"/>.</summary>
/// <remarks>One code per defect, following shared/notes/ack-semantics.md: references that do not match are 28,
/// counts 29, duplicates 26; a segment that cannot stand where it is, 15; a missing one, 13.</remarks>
public static class EdifactSyntaxErrorCodes
{
    /// <summary>The 0085 code for <paramref name="code"/>; 18 (unspecified) when there is no closer one.</summary>
    public static string Of(EdiIssueCode code) => code switch
    {
        EdiIssueCode.StandardNotSupported or EdiIssueCode.InterchangeVersionNotSupported or EdiIssueCode.GroupVersionNotSupported => "2",
        EdiIssueCode.UnknownReceiver => "7",
        EdiIssueCode.UnknownSender => "23",
        EdiIssueCode.InvalidCodeValue or EdiIssueCode.InvalidTransactionSetId or EdiIssueCode.InvalidInterchangeDate or EdiIssueCode.InvalidInterchangeTime
            or EdiIssueCode.InvalidAcknowledgmentRequested or EdiIssueCode.InvalidInterchangeControlNumber or EdiIssueCode.InvalidGroupDateTime => "12",
        EdiIssueCode.MandatoryElementMissing or EdiIssueCode.MandatorySegmentMissing or EdiIssueCode.ConditionalElementMissing
            or EdiIssueCode.TransactionSetTrailerMissing or EdiIssueCode.GroupTrailerMissing or EdiIssueCode.InterchangeTrailerMissing
            or EdiIssueCode.InvalidSenderId or EdiIssueCode.InvalidReceiverId => "13",
        EdiIssueCode.UnexpectedSegment or EdiIssueCode.SegmentOutOfOrder or EdiIssueCode.SegmentNotInTransactionSet
            or EdiIssueCode.UnrecognizedSegment or EdiIssueCode.InvalidInterchangeContent => "15",
        EdiIssueCode.TooManyElements or EdiIssueCode.TooManyComponents => "16",
        EdiIssueCode.CharacterNotInRepertoire => "21",
        EdiIssueCode.InvalidCharacter => "37",
        EdiIssueCode.InvalidUsageIndicator => "25",
        EdiIssueCode.DuplicateInterchange or EdiIssueCode.DuplicateGroupControlNumber or EdiIssueCode.DuplicateTransactionSetControlNumber => "26",
        EdiIssueCode.InterchangeControlNumberMismatch or EdiIssueCode.GroupControlNumberMismatch or EdiIssueCode.TransactionSetControlNumberMismatch => "28",
        EdiIssueCode.GroupCountMismatch or EdiIssueCode.TransactionSetCountMismatch or EdiIssueCode.SegmentCountMismatch => "29",
        EdiIssueCode.GroupsAndMessagesMixed => "30",
        EdiIssueCode.SegmentOverMaximumUse or EdiIssueCode.TooManyRepetitions => "35",
        EdiIssueCode.LoopOverMaximum => "36",
        EdiIssueCode.ElementTooLong => "39",
        EdiIssueCode.ElementTooShort => "40",
        EdiIssueCode.TrailingSeparator => "45",
        EdiIssueCode.InvalidElementSeparator or EdiIssueCode.InvalidComponentSeparator => "20",
        _ => "18",
    };
}
