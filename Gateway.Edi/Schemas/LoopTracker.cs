namespace Gateway.Edi.Schemas;

/// <summary>Places each segment of a document in its loop or segment group, the way X12 and EDIFACT define it: the innermost open
/// loop that can still take the tag wins, and a loop's trigger seen again starts its next iteration.</summary>
/// <remarks>Shared by validation (which reports what was skipped or over-used) and the JSON form (which
/// nests objects by loop), so both always agree on the structure.</remarks>
internal sealed class LoopTracker
{
    private readonly ILoopListener _listener;
    private readonly SegmentTagIndex _tags;

    // The open loops, outermost (the set) first; the frames past _depth are spares: a PO1 or LIN loop iterates
    // thousands of times, and each iteration reuses the frame of its depth.
    private LoopFrame[] _frames = new LoopFrame[8];
    private int _depth;

    public LoopTracker(LoopDefinition root, ILoopListener listener)
    {
        _listener = listener;
        _tags = root.TagIndex ?? throw new InvalidOperationException($"Loop {root.Id} is not a whole set's loop with indexed tags.");
        _frames[0] = new LoopFrame(root, position: -1, isRoot: true);
        _depth = 1;
    }

    /// <summary>The innermost open loop.</summary>
    public LoopFrame Current => _frames[_depth - 1];

    /// <summary>Whether <paramref name="tag"/> was passed already in an open loop (out of order).</summary>
    public bool PassedEarlier(ReadOnlySpan<byte> tag)
    {
        int id = _tags.IdOf(SegmentTags.Key(tag));
        return id >= 0 && _frames.Take(_depth).Any(f => f.FoundBefore(id));
    }

    /// <summary>Moves to where <paramref name="tag"/> belongs and returns its definition; null when it fits nowhere.</summary>
    public SegmentDefinition? Place(ReadOnlySpan<byte> tag, int position)
    {
        int id = _tags.IdOf(SegmentTags.Key(tag));
        if (id < 0)
        {
            return null;
        }
        for (int level = _depth - 1; level >= 0; level--)
        {
            LoopFrame frame = _frames[level];
            int j = frame.Find(id);
            if (j < 0)
            {
                continue;
            }
            while (_depth - 1 > level)
            {
                CloseInnermost(position);
            }
            return Enter(frame, j, position);
        }
        return null;
    }

    /// <summary>Closes every open loop at the end of the document; <paramref name="includeTrailer"/> false skips the trailer (SE, UNT) check.</summary>
    public void Finish(int position, bool includeTrailer)
    {
        while (_depth > 1)
        {
            CloseInnermost(position);
        }
        LoopFrame root = _frames[0];
        Skip(root, root.Position + 1, root.Loop.Entries.Length - (includeTrailer ? 0 : 1), position);
        _depth = 0;
    }

    private SegmentDefinition Enter(LoopFrame frame, int j, int position)
    {
        Skip(frame, frame.Position + 1, j, position);
        frame.Position = j;
        StructureEntry entry = frame.Loop.Entries[j];
        int uses = ++frame.Counts[j];
        if (entry.Loop is LoopDefinition loop)
        {
            if (_depth == _frames.Length)
            {
                Array.Resize(ref _frames, _frames.Length * 2);
            }
            LoopFrame child = _frames[_depth]?.Reset(loop) ?? new LoopFrame(loop, position: 0, isRoot: false);
            _frames[_depth] = child;
            child.Counts[0] = 1;
            _listener.LoopOpened(frame, entry, uses, position);
            _depth++;
            return loop.Entries[0].Segment!;
        }
        _listener.SegmentUsed(frame, entry, uses, position);
        return entry.Segment!;
    }

    // Closes the innermost loop, its mandatory entries not yet seen reported as skipped.
    private void CloseInnermost(int position)
    {
        LoopFrame frame = _frames[_depth - 1];
        Skip(frame, frame.Position + 1, frame.Loop.Entries.Length, position);
        _depth--;
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

    public int Find(int tagId)
    {
        // The trigger (entry 0) never repeats inside an iteration: seeing it again starts the next one.
        int start = Position < 0 ? 0 : Math.Max(Position, 1);
        foreach (int j in Loop.PositionsOf(tagId))
        {
            if (j >= start)
            {
                return j;
            }
        }
        return -1;
    }

    public bool FoundBefore(int tagId)
    {
        ReadOnlySpan<int> positions = Loop.PositionsOf(tagId);
        return !positions.IsEmpty && positions[0] < Position;
    }
}
