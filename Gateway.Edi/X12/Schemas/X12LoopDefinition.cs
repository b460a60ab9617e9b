namespace Gateway.Edi.X12.Schemas;

/// <summary>A loop, or the whole transaction set: an ordered list of segments and nested loops.</summary>
internal sealed class X12LoopDefinition(string id, char requirement, int maxUse, IReadOnlyList<X12StructureEntry> entries)
{
    /// <summary>The loop id, named after its first segment; the set id for the whole set.</summary>
    public string Id { get; } = id;

    /// <summary><c>M</c> or <c>O</c>.</summary>
    public char Requirement { get; } = requirement;

    /// <summary>How many iterations are allowed; <see cref="int.MaxValue"/> for "&gt;1".</summary>
    public int MaxUse { get; } = maxUse;

    /// <summary>The segments and loops, in order; the first is the trigger segment.</summary>
    public IReadOnlyList<X12StructureEntry> Entries { get; } = entries;

    /// <summary>The trigger segment's tag.</summary>
    public string TriggerTag => Entries[0].Segment!.Tag;
}

/// <summary>One entry of a loop: a segment with its use, or a nested loop.</summary>
internal sealed record X12StructureEntry(X12SegmentDefinition? Segment, X12LoopDefinition? Loop, char Requirement, int MaxUse)
{
    /// <summary>The tag that starts this entry: the segment's, or the loop's trigger.</summary>
    public string Tag => Segment?.Tag ?? Loop!.TriggerTag;

    /// <summary>Whether the entry must appear.</summary>
    public bool IsMandatory => Requirement == 'M';
}
