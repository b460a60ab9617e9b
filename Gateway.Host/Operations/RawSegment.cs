namespace Gateway.Host.Operations;

/// <summary>One segment of the archived document as received, with the issues found in it.</summary>
internal sealed record RawSegment(int FileSegmentIndex, int Position, string Text, IReadOnlyList<DocumentIssue> Issues)
{
    public bool InError => Issues.Count > 0;
}
