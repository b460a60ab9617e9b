namespace Gateway.Edi.Schemas;

/// <summary>A loop, or the whole transaction set: an ordered list of segments and nested loops.</summary>
/// <remarks>Holds two indexes so that placing a segment costs O(1): where each tag stands, and the next
/// mandatory entry from each position.</remarks>
internal sealed class LoopDefinition(string id, char requirement, int maxUse, StructureEntry[] entries)
{
    private readonly Dictionary<int, int[]> _positions = entries
        .Select((e, i) => (Key: SegmentTags.Key(e.Tag), i)).GroupBy(x => x.Key)
        .ToDictionary(g => g.Key, g => g.Select(x => x.i).ToArray());

    /// <summary>For each position k (and one past the end), the first mandatory entry at or after k; Length when none.</summary>
    public int[] NextMandatory { get; } = NextMandatoryOf(entries);

    /// <summary>The positions of the entries that start with the tag of <paramref name="tagKey"/> (<see cref="SegmentTags.Key(ReadOnlySpan{byte})"/>), in order.</summary>
    public ReadOnlySpan<int> PositionsOf(int tagKey) => _positions.TryGetValue(tagKey, out int[]? positions) ? positions : default;

    /// <summary>The loop id, named after its first segment; the set id for the whole set.</summary>
    public string Id { get; } = id;

    /// <summary><c>M</c> or <c>O</c>.</summary>
    public char Requirement { get; } = requirement;

    /// <summary>How many iterations are allowed; <see cref="int.MaxValue"/> for "&gt;1".</summary>
    public int MaxUse { get; } = maxUse;

    /// <summary>The segments and loops, in order; the first is the trigger segment.</summary>
    public StructureEntry[] Entries { get; } = entries;

    /// <summary>The trigger segment's tag.</summary>
    public string TriggerTag => Entries[0].Segment!.Tag;

    private static int[] NextMandatoryOf(StructureEntry[] entries)
    {
        var next = new int[entries.Length + 1];
        next[entries.Length] = entries.Length;
        for (int k = entries.Length - 1; k >= 0; k--)
        {
            next[k] = entries[k].IsMandatory ? k : next[k + 1];
        }
        return next;
    }
}
/// <summary>One entry of a loop: a segment with its use, or a nested loop.</summary>
internal sealed record StructureEntry(SegmentDefinition? Segment, LoopDefinition? Loop, char Requirement, int MaxUse)
{
    /// <summary>The tag that starts this entry: the segment's, or the loop's trigger; interned (see <see cref="SegmentTags"/>).</summary>
    public string Tag { get; } = Segment?.Tag ?? Loop!.TriggerTag;

    /// <summary>Whether the entry must appear.</summary>
    public bool IsMandatory => Requirement == 'M';
}
