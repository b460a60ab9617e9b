namespace Gateway.Edi.Validation;

/// <summary>One broken rule, with everything an acknowledgment and an operator need to find it.</summary>
public sealed record EdiIssue
{
    /// <summary>What is wrong.</summary>
    public required EdiIssueCode Code { get; init; }

    /// <summary>An operator-readable sentence: what is wrong and what to do.</summary>
    public required string Message { get; init; }

    /// <summary>Error, or a tolerated warning.</summary>
    public EdiSeverity Severity { get; init; } = EdiSeverity.Error;

    /// <summary>The envelope level that reports it.</summary>
    public EdiIssueLevel Level => Code.Level();

    /// <summary>The 0-based offset in the file; -1 when not known.</summary>
    public long BytePosition { get; init; } = -1;

    /// <summary>The 1-based number of the segment in the file; 0 when not known.</summary>
    public int FileSegmentIndex { get; init; }

    /// <summary>The tag of the segment in error (AK301).</summary>
    public string? SegmentTag { get; init; }

    /// <summary>The segment's 1-based position in its document, ST or UNH being 1 (AK302); 0 outside a document.</summary>
    public int SegmentPosition { get; init; }

    /// <summary>The loop the segment sits in (AK303), for example <c>PO1</c>.</summary>
    public string? LoopId { get; init; }

    /// <summary>The 1-based element position in the segment (AK401-1); 0 for a segment-level issue.</summary>
    public int ElementPosition { get; init; }

    /// <summary>The 1-based component position in a composite (AK401-2); 0 when not a component.</summary>
    public int ComponentPosition { get; init; }

    /// <summary>The 1-based repetition (AK401-3); 0 when not repeated.</summary>
    public int RepetitionPosition { get; init; }

    /// <summary>The data element reference number (AK402), for example <c>353</c>.</summary>
    public string? ElementReference { get; init; }

    /// <summary>A copy of the bad value (AK404), when there is one.</summary>
    public string? Value { get; init; }

    /// <summary>The control number of the interchange it was found in.</summary>
    public string? InterchangeControlNumber { get; init; }

    /// <summary>The control number of the group it was found in.</summary>
    public string? GroupControlNumber { get; init; }

    /// <summary>The control number of the document it was found in.</summary>
    public string? DocumentControlNumber { get; init; }

    /// <summary>A one-line form for logs and the command line: position, code and message.</summary>
    public override string ToString()
    {
        string where = SegmentTag is null ? "" :
            ElementPosition > 0 ? $"{SegmentTag}{ElementPosition:00}{(ComponentPosition > 0 ? $"-{ComponentPosition}" : "")} " : $"{SegmentTag} ";
        string at = BytePosition >= 0 ? $"byte {BytePosition}, segment {FileSegmentIndex}: " : "";
        return $"{Severity.ToString().ToLowerInvariant()} {Code} {at}{where}{Message}".Replace("  ", " ", StringComparison.Ordinal);
    }
}
