namespace Gateway.Edi.Schemas;

/// <summary>A loop, or the whole transaction set: an ordered list of segments and nested loops.</summary>
/// <remarks>Holds two indexes so that placing a segment costs O(1): where each tag stands, and the next
/// mandatory entry from each position.</remarks>
internal sealed class LoopDefinition(string id, char requirement, int maxUse, StructureEntry[] entries)
{
    private int[][] _positions = [];

    /// <summary>For each position k (and one past the end), the first mandatory entry at or after k; Length when none.</summary>
    public int[] NextMandatory { get; } = NextMandatoryOf(entries);

    /// <summary>The positions of the entries that start with tag <paramref name="tagId"/> (numbered by <see cref="TagIndex"/> of the
    /// whole set's loop), in order.</summary>
    public ReadOnlySpan<int> PositionsOf(int tagId) => (uint)tagId < (uint)_positions.Length ? _positions[tagId] : default;

    /// <summary>The numbers of the tags of this loop and the loops inside it; set on the whole set's loop by <see cref="IndexTags"/>.</summary>
    public SegmentTagIndex? TagIndex { get; private set; }

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

    /// <summary>Numbers the tags of this loop and of the loops inside it, and indexes each loop's entries by those numbers;
    /// called once, on the whole set's loop, before it is shared.</summary>
    public void IndexTags()
    {
        var index = new SegmentTagIndex();
        Number(index);
        Index(index);
        TagIndex = index;
    }

    private void Number(SegmentTagIndex index)
    {
        foreach (StructureEntry e in Entries)
        {
            index.Add(SegmentTags.Key(e.Tag));
            e.Loop?.Number(index);
        }
    }

    private void Index(SegmentTagIndex index)
    {
        var positions = new List<int>[index.Count];
        for (int i = 0; i < Entries.Length; i++)
        {
            (positions[index.IdOf(SegmentTags.Key(Entries[i].Tag))] ??= []).Add(i);
            Entries[i].Loop?.Index(index);
        }
        _positions = [.. positions.Select(p => p is null ? [] : p.ToArray())];
    }

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
