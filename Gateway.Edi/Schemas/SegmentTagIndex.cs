using System.Numerics;

namespace Gateway.Edi.Schemas;

/// <summary>Numbers the segment tags of one document schema 0, 1, 2, …, so that each loop finds a tag's entries by
/// array index: a segment's tag is looked up once, not once per open loop.</summary>
internal sealed class SegmentTagIndex
{
    private int[] _keys = new int[64];
    private int[] _ids = new int[64];
    private int _shift = 26;

    /// <summary>How many tags are numbered.</summary>
    public int Count { get; private set; }

    /// <summary>The number of the tag whose <see cref="SegmentTags.Key(ReadOnlySpan{byte})"/> is <paramref name="tagKey"/>; -1 when the schema has no such tag.</summary>
    public int IdOf(int tagKey)
    {
        if (tagKey == 0)
        {
            return -1;
        }
        int[] keys = _keys;
        int slot = Slot(tagKey);
        while (true)
        {
            int found = keys[slot];
            if (found == tagKey)
            {
                return _ids[slot];
            }
            if (found == 0)
            {
                return -1;
            }
            slot = (slot + 1) & (keys.Length - 1);
        }
    }

    /// <summary>The number of <paramref name="tagKey"/>, numbering it now if it is new.</summary>
    public int Add(int tagKey)
    {
        if (tagKey == 0)
        {
            throw new InvalidOperationException("A schema segment tag must be one to three characters.");
        }
        int id = IdOf(tagKey);
        if (id >= 0)
        {
            return id;
        }
        // At most half full, so a probe ends at an empty slot within a few steps.
        if ((Count + 1) * 2 > _keys.Length)
        {
            Grow();
        }
        int slot = Slot(tagKey);
        while (_keys[slot] != 0)
        {
            slot = (slot + 1) & (_keys.Length - 1);
        }
        _keys[slot] = tagKey;
        _ids[slot] = Count;
        return Count++;
    }

    private void Grow()
    {
        int[] keys = _keys, ids = _ids;
        _keys = new int[keys.Length * 2];
        _ids = new int[keys.Length * 2];
        _shift = 32 - BitOperations.Log2((uint)_keys.Length);
        for (int i = 0; i < keys.Length; i++)
        {
            if (keys[i] != 0)
            {
                int slot = Slot(keys[i]);
                while (_keys[slot] != 0)
                {
                    slot = (slot + 1) & (_keys.Length - 1);
                }
                _keys[slot] = keys[i];
                _ids[slot] = ids[i];
            }
        }
    }

    private int Slot(int tagKey) => (int)(((uint)tagKey * 0x9E3779B1u) >> _shift);
}
