namespace Gateway.Edi.Validation;

/// <summary>The kinds of defect the readers and validators report; <see cref="X12.X12AcknowledgmentCodes"/>
/// turns them into the codes of TA1, 997 and 999, <see cref="Edifact.EdifactSyntaxErrorCodes"/> into CONTRL's 0085.</summary>
/// <remarks>One code per defect, pinned by golden tests (see shared/notes/ack-semantics.md).</remarks>
public enum EdiIssueCode
{
    // File level: tolerated oddities around interchanges.

    /// <summary>Bytes that are not EDI before, between or after interchanges were skipped.</summary>
    JunkIgnored,

    /// <summary>A byte order mark, blank lines, indentation or line breaks inside segments were tolerated.</summary>
    LayoutTolerated,

    // Interchange level (TA105 note codes).

    /// <summary>ISA13 and IEA02 differ (TA1 001).</summary>
    InterchangeControlNumberMismatch,

    /// <summary>ISA11 is not a supported standard identifier (TA1 002).</summary>
    StandardNotSupported,

    /// <summary>ISA12 is not a version we read (TA1 017).</summary>
    InterchangeVersionNotSupported,

    /// <summary>ISA05 is not a valid qualifier (TA1 005).</summary>
    InvalidSenderQualifier,

    /// <summary>ISA06 is empty or invalid (TA1 006).</summary>
    InvalidSenderId,

    /// <summary>ISA07 is not a valid qualifier (TA1 007).</summary>
    InvalidReceiverQualifier,

    /// <summary>ISA08 is empty or invalid (TA1 008).</summary>
    InvalidReceiverId,

    /// <summary>ISA08 is not one of our identities (TA1 009).</summary>
    UnknownReceiver,

    /// <summary>The sender is not a partner we know (EDIFACT 0085 23; TA1 006).</summary>
    UnknownSender,

    /// <summary>ISA01 is not a valid qualifier (TA1 010).</summary>
    InvalidAuthorizationQualifier,

    /// <summary>ISA03 is not a valid qualifier (TA1 012).</summary>
    InvalidSecurityQualifier,

    /// <summary>ISA09 is not a date (TA1 014).</summary>
    InvalidInterchangeDate,

    /// <summary>ISA10 is not a time (TA1 015).</summary>
    InvalidInterchangeTime,

    /// <summary>ISA13 is not nine digits (TA1 018).</summary>
    InvalidInterchangeControlNumber,

    /// <summary>ISA14 is neither 0 nor 1 (TA1 019).</summary>
    InvalidAcknowledgmentRequested,

    /// <summary>ISA15 is not P, T or I (TA1 020).</summary>
    InvalidUsageIndicator,

    /// <summary>IEA01 differs from the number of groups (TA1 021).</summary>
    GroupCountMismatch,

    /// <summary>The file ended inside the interchange, before its IEA (TA1 023).</summary>
    InterchangeTrailerMissing,

    /// <summary>A segment stands outside any group or transaction set (TA1 024).</summary>
    InvalidInterchangeContent,

    /// <summary>The same sender used this interchange control number within the window (TA1 025).</summary>
    DuplicateInterchange,

    /// <summary>An EDIFACT interchange holds both groups and messages outside groups (0085 30).</summary>
    GroupsAndMessagesMixed,

    /// <summary>The element separator is a letter, digit or space (TA1 026).</summary>
    InvalidElementSeparator,

    /// <summary>ISA16 is a letter, digit or space (TA1 027).</summary>
    InvalidComponentSeparator,

    // Group level (AK905).

    /// <summary>GS01 is not a functional group we support (AK905 1).</summary>
    GroupNotSupported,

    /// <summary>GS08 is not a version we support (AK905 2).</summary>
    GroupVersionNotSupported,

    /// <summary>The group has no GE (AK905 3).</summary>
    GroupTrailerMissing,

    /// <summary>GS06 and GE02 differ (AK905 4).</summary>
    GroupControlNumberMismatch,

    /// <summary>GE01 differs from the number of transaction sets (AK905 5).</summary>
    TransactionSetCountMismatch,

    /// <summary>GS06 is not a number of 1 to 9 digits (AK905 6).</summary>
    InvalidGroupControlNumber,

    /// <summary>GS06 appears twice in the interchange (AK905 19).</summary>
    DuplicateGroupControlNumber,

    /// <summary>GS04 is not a date or GS05 not a time (AK905 6; there is no closer code).</summary>
    InvalidGroupDateTime,

    // Document level (AK502 / IK502).

    /// <summary>No schema for this transaction set in this version (AK502 1).</summary>
    TransactionSetNotSupported,

    /// <summary>The set has no SE (AK502 2).</summary>
    TransactionSetTrailerMissing,

    /// <summary>ST02 and SE02 differ (AK502 3).</summary>
    TransactionSetControlNumberMismatch,

    /// <summary>SE01 differs from the number of segments ST to SE (AK502 4).</summary>
    SegmentCountMismatch,

    /// <summary>ST01 is not a transaction set identifier (AK502 6).</summary>
    InvalidTransactionSetId,

    /// <summary>ST02 is not 4 to 9 characters (AK502 7).</summary>
    InvalidTransactionSetControlNumber,

    /// <summary>The set belongs in another functional group than GS01 names, an 810 under GS*PO (AK502 18).</summary>
    TransactionSetNotInFunctionalGroup,

    /// <summary>ST02 appears twice in the group (AK502 23).</summary>
    DuplicateTransactionSetControlNumber,

    // Segment level (AK304 / IK304).

    /// <summary>The tag is not a segment of this version (AK304 1).</summary>
    UnrecognizedSegment,

    /// <summary>The segment belongs to the set but cannot stand here (AK304 2).</summary>
    UnexpectedSegment,

    /// <summary>A mandatory segment is missing (AK304 3).</summary>
    MandatorySegmentMissing,

    /// <summary>A loop repeats more often than allowed (AK304 4).</summary>
    LoopOverMaximum,

    /// <summary>A segment repeats more often than allowed (AK304 5).</summary>
    SegmentOverMaximumUse,

    /// <summary>The segment is a segment of the version but not of this set (AK304 6).</summary>
    SegmentNotInTransactionSet,

    /// <summary>The segment belongs here but comes after segments that must follow it (AK304 7).</summary>
    SegmentOutOfOrder,

    // Element level (AK403 / IK403).

    /// <summary>A mandatory element is empty (AK403 1).</summary>
    MandatoryElementMissing,

    /// <summary>A syntax note requires this element (AK403 2).</summary>
    ConditionalElementMissing,

    /// <summary>More elements than the segment defines (AK403 3).</summary>
    TooManyElements,

    /// <summary>Shorter than the minimum length (AK403 4).</summary>
    ElementTooShort,

    /// <summary>Longer than the maximum length (AK403 5).</summary>
    ElementTooLong,

    /// <summary>A character the element's type does not allow (AK403 6).</summary>
    InvalidCharacter,

    /// <summary>Not one of the element's codes (AK403 7).</summary>
    InvalidCodeValue,

    /// <summary>Not a valid date (AK403 8).</summary>
    InvalidDate,

    /// <summary>Not a valid time (AK403 9).</summary>
    InvalidTime,

    /// <summary>A syntax note allows only one of these elements (AK403 10).</summary>
    ExclusionViolated,

    /// <summary>More repetitions than allowed (AK403 12).</summary>
    TooManyRepetitions,

    /// <summary>More components than the composite defines (AK403 13).</summary>
    TooManyComponents,

    /// <summary>A segment or composite ends with a separator (EDIFACT 0085 45).</summary>
    TrailingSeparator,

    /// <summary>A character outside the interchange's character set, such as lower case in UNOA (0085 21; AK403 6).</summary>
    CharacterNotInRepertoire,
}
