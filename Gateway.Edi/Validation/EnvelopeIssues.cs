using System.Globalization;

namespace Gateway.Edi.Validation;

/// <summary>Issues about envelopes (headers, trailers, their counts), built the same way for X12 and EDIFACT.</summary>
internal static class EnvelopeIssues
{
    /// <summary>A segment outside any document (TA1 024, 0085 15); a garbage tag is shortened in the message.</summary>
    public static EdiIssue SegmentOutsideDocument(Segment segment, string document, string? interchange, string? group) => new()
    {
        Code = EdiIssueCode.InvalidInterchangeContent,
        Message = $"Segment '{(segment.Tag.Length > 20 ? segment.Tag[..20] + "…" : segment.Tag)}' stands outside any {document}",
        BytePosition = segment.BytePosition,
        FileSegmentIndex = segment.FileSegmentIndex,
        SegmentTag = segment.Tag,
        InterchangeControlNumber = interchange,
        GroupControlNumber = group,
    };

    /// <summary>An issue at one element of an envelope segment, carrying that element's value.</summary>
    public static EdiIssue AtElement(EdiIssueCode code, Segment segment, int element, string message, string? interchange,
        string? group = null, string? document = null, int segmentPosition = 0) => new()
        {
            Code = code,
            Message = message,
            BytePosition = segment.BytePosition,
            FileSegmentIndex = segment.FileSegmentIndex,
            SegmentTag = segment.Tag,
            SegmentPosition = segmentPosition,
            ElementPosition = element,
            Value = segment[element],
            InterchangeControlNumber = interchange,
            GroupControlNumber = group,
            DocumentControlNumber = document,
        };

    /// <summary>Whether a trailer's count (an N0 of 1 to 10 digits: "0000000031" is 31) equals what was counted.</summary>
    public static bool CountIs(string value, int expected) =>
        value.Length is >= 1 and <= 10 && value.All(char.IsAsciiDigit) && long.Parse(value, CultureInfo.InvariantCulture) == expected;
}
