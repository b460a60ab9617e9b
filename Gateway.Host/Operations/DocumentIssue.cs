namespace Gateway.Host.Operations;

/// <summary>
/// One validation issue of a document found again in its archived interchange: where it is (file segment number,
/// position in the document, element and component), what the element is called in the schema, the code the
/// acknowledgment reported to the partner, and the sentence for a person.
/// </summary>
internal sealed record DocumentIssue
{
    /// <summary>error or warning (warnings are tolerated by a Lenient agreement and not reported to the partner).</summary>
    public string Severity { get; init; } = "error";

    /// <summary>The gateway's name for the problem (<c>InvalidCodeValue</c>…).</summary>
    public string Code { get; init; } = "";

    /// <summary>File, Interchange, Group, Document, Segment or Element.</summary>
    public string Level { get; init; } = "";

    /// <summary>The 1-based segment number in the file; 0 when not known.</summary>
    public int FileSegmentIndex { get; init; }

    /// <summary>The 1-based position in the document, ST or UNH being 1 (AK302); 0 outside a document.</summary>
    public int SegmentPosition { get; init; }

    public string? SegmentTag { get; init; }

    /// <summary>The segment as received, when it is in the document's shown range.</summary>
    public string? SegmentText { get; init; }

    /// <summary>The 1-based element position (AK401-1); 0 for a segment-level issue.</summary>
    public int ElementPosition { get; init; }

    public int ComponentPosition { get; init; }

    /// <summary>The element's name in the schema (<c>Unit or Basis for Measurement Code</c>), when the schema knows it.</summary>
    public string? ElementName { get; init; }

    /// <summary>The data element number (AK402).</summary>
    public string? ElementReference { get; init; }

    /// <summary>The bad value, when there is one.</summary>
    public string? Value { get; init; }

    /// <summary>What the acknowledgment told the partner: <c>AK3 8, AK4 7</c>, <c>IK4 7</c>, <c>CONTRL 0085 12</c>; null for warnings.</summary>
    public string? ReportedCode { get; init; }

    public string Message { get; init; } = "";

    /// <summary>The 0-based byte offset in the file; -1 when not known.</summary>
    public long BytePosition { get; init; } = -1;

    /// <summary><c>SEG04</c> or <c>SEG04-2</c>: where, the way EDI people say it.</summary>
    public string Where => SegmentTag is null ? ""
        : ElementPosition > 0 ? $"{SegmentTag}{ElementPosition:00}{(ComponentPosition > 0 ? $"-{ComponentPosition}" : "")}"
        : SegmentTag;
}
