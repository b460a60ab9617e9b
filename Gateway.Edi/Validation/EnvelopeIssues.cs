namespace Gateway.Edi.Validation;

/// <summary>Issues about the envelope structure itself, the same for X12 and EDIFACT.</summary>
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
}
