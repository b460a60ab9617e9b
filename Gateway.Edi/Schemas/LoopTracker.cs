namespace Gateway.Edi.Schemas;

/// <summary>Places each segment of a document in its loop or segment group, the way X12 and EDIFACT define it: the innermost open
/// loop that can still take the tag wins, and a loop's trigger seen again starts its next iteration.</summary>
/// <remarks>Shared by validation (which reports what was skipped or over-used) and the JSON form (which
/// nests objects by loop), so both always agree on the structure.</remarks>
internal sealed class LoopTracker
{
    private readonly List<LoopFrame> _frames = [];
    private readonly List<LoopFrame> _spare = [];
    private readonly ILoopListener _listener;

    public LoopTracker(LoopDefinition root, ILoopListener listener)
    {
        _listener = listener;
        _frames.Add(new LoopFrame(root, position: -1, isRoot: true));
    }

    /// <summary>The innermost open loop.</summary>
    public LoopFrame Current => _frames[^1];

    /// <summary>Whether <paramref name="tag"/> was passed already in an open loop (out of order).</summary>
    public bool PassedEarlier(ReadOnlySpan<byte> tag)
    {
        int key = SegmentTags.Key(tag);
        return _frames.Any(f => f.FoundBefore(key));
    }

    /// <summary>Moves to where <paramref name="tag"/> belongs and returns its definition; null when it fits nowhere.</summary>
    public SegmentDefinition? Place(ReadOnlySpan<byte> tag, int position)
    {
        int key = SegmentTags.Key(tag);
        for (int level = _frames.Count - 1; level >= 0; level--)
        {
            LoopFrame frame = _frames[level];
            int j = frame.Find(key);
            if (j < 0)
            {
                continue;
            }
            while (_frames.Count - 1 > level)
            {
                CloseInnermost(position, toEnd: true);
            }
            return Enter(frame, j, position);
        }
        return null;
    }

    /// <summary>Closes every open loop at the end of the document; <paramref name="includeTrailer"/> false skips the trailer (SE, UNT) check.</summary>
    public void Finish(int position, bool includeTrailer)
    {
        while (_frames.Count > 1)
        {
            CloseInnermost(position, toEnd: true);
        }
        LoopFrame root = _frames[0];
        Skip(root, root.Position + 1, root.Loop.Entries.Length - (includeTrailer ? 0 : 1), position);
        _frames.Clear();
    }

    private SegmentDefinition Enter(LoopFrame frame, int j, int position)
    {
        Skip(frame, frame.Position + 1, j, position);
        frame.Position = j;
        StructureEntry entry = frame.Loop.Entries[j];
        int uses = ++frame.Counts[j];
        if (entry.Loop is LoopDefinition loop)
        {
            // A PO1 loop iterates thousands of times: reuse the frame of the same depth.
            int depth = _frames.Count;
            LoopFrame child = depth - 1 < _spare.Count ? _spare[depth - 1].Reset(loop) : new LoopFrame(loop, position: 0, isRoot: false);
            if (depth - 1 == _spare.Count)
            {
                _spare.Add(child);
            }
            child.Counts[0] = 1;
            _listener.LoopOpened(frame, entry, uses, position);
            _frames.Add(child);
            return loop.Entries[0].Segment!;
        }
        _listener.SegmentUsed(frame, entry, uses, position);
        return entry.Segment!;
    }

    private void CloseInnermost(int position, bool toEnd)
    {
        LoopFrame frame = _frames[^1];
        if (toEnd)
        {
            Skip(frame, frame.Position + 1, frame.Loop.Entries.Length, position);
        }
        _frames.RemoveAt(_frames.Count - 1);
        _listener.LoopClosed(frame);
    }

    private void Skip(LoopFrame frame, int from, int to, int position)
    {
        int[] next = frame.Loop.NextMandatory;
        for (int k = next[Math.Max(from, 0)]; k < to; k = next[k + 1])
        {
            if (frame.Counts[k] == 0)
            {
                _listener.MandatoryEntrySkipped(frame, frame.Loop.Entries[k], position);
            }
        }
    }
}

/// <summary>Hears where <see cref="LoopTracker"/> placed each segment.</summary>
internal interface ILoopListener
{
    /// <summary>A mandatory entry of <paramref name="frame"/> was passed without being used.</summary>
    void MandatoryEntrySkipped(LoopFrame frame, StructureEntry entry, int position);

    /// <summary>A segment entry was used for the <paramref name="uses"/>th time in this iteration.</summary>
    void SegmentUsed(LoopFrame frame, StructureEntry entry, int uses, int position);

    /// <summary>Iteration <paramref name="iteration"/> of a nested loop began (its trigger is the segment at <paramref name="position"/>).</summary>
    void LoopOpened(LoopFrame parent, StructureEntry entry, int iteration, int position);

    /// <summary>An iteration of a loop ended.</summary>
    void LoopClosed(LoopFrame frame);
}

/// <summary>One open loop iteration: where we are in its entries and how often each was used.</summary>
internal sealed class LoopFrame(LoopDefinition loop, int position, bool isRoot)
{
    public LoopDefinition Loop { get; private set; } = loop;

    public int Position { get; set; } = position;

    /// <summary>Uses of each entry in this iteration; may be longer than the loop's entries when reused.</summary>
    public int[] Counts { get; private set; } = new int[loop.Entries.Length];

    public LoopFrame Reset(LoopDefinition loop)
    {
        Loop = loop;
        Position = 0;
        if (Counts.Length < loop.Entries.Length)
        {
            Counts = new int[loop.Entries.Length];
        }
        else
        {
            Array.Clear(Counts, 0, loop.Entries.Length);
        }
        return this;
    }

    /// <summary>The loop id for AK303; null for the set itself.</summary>
    public string? LoopId => isRoot ? null : Loop.Id;

    public int Find(int tagKey)
    {
        // The trigger (entry 0) never repeats inside an iteration: seeing it again starts the next one.
        int start = Position < 0 ? 0 : Math.Max(Position, 1);
        foreach (int j in Loop.PositionsOf(tagKey))
        {
            if (j >= start)
            {
                return j;
            }
        }
        return -1;
    }

    public bool FoundBefore(int tagKey)
    {
        ReadOnlySpan<int> positions = Loop.PositionsOf(tagKey);
        return !positions.IsEmpty && positions[0] < Position;
    }
}
