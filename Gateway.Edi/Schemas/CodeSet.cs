using System.Numerics;

namespace Gateway.Edi.Schemas;

/// <summary>The short codes of a code list as packed bytes in an open-addressed table, so a value read as bytes is
/// looked up without decoding it or hashing a string; the same answer as a Latin-1 decode and an ordinal compare.</summary>
/// <remarks>Codes of up to <see cref="MaxLength"/> characters, all below U+0100, are packed with their length into one
/// <see cref="ulong"/>; longer codes, and codes that no byte can spell, are left to the caller's dictionary.</remarks>
internal sealed class CodeSet
{
    /// <summary>The longest code packed; a key keeps its top byte for the length.</summary>
    public const int MaxLength = 7;

    private readonly ulong[] _slots;
    private readonly int _shift;

    public CodeSet(IEnumerable<string> codes)
    {
        var keys = new List<ulong>();
        Span<byte> bytes = stackalloc byte[MaxLength];
        foreach (string code in codes)
        {
            if (code.Length is > 0 and <= MaxLength && code.All(c => c <= 0xFF))
            {
                for (int i = 0; i < code.Length; i++)
                {
                    bytes[i] = (byte)code[i];
                }
                keys.Add(Pack(bytes[..code.Length]));
            }
            else if (code.Length > MaxLength)
            {
                HasLongCodes = true;
            }
        }
        // At most half full, so a probe ends at an empty slot (0: no key is 0, a key holds its length) within a few steps.
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(8, keys.Count * 2));
        _slots = new ulong[size];
        _shift = 64 - BitOperations.Log2((uint)size);
        foreach (ulong key in keys)
        {
            int slot = Slot(key);
            while (_slots[slot] != 0 && _slots[slot] != key)
            {
                slot = (slot + 1) & (_slots.Length - 1);
            }
            _slots[slot] = key;
        }
    }

    /// <summary>Whether some code is longer than <see cref="MaxLength"/>: values that long need the caller's dictionary.</summary>
    public bool HasLongCodes { get; }

    /// <summary>Whether <paramref name="value"/> (1 to <see cref="MaxLength"/> bytes) is one of the packed codes.</summary>
    public bool Contains(ReadOnlySpan<byte> value)
    {
        ulong key = Pack(value);
        ulong[] slots = _slots;
        int slot = Slot(key);
        while (true)
        {
            ulong found = slots[slot];
            if (found == key)
            {
                return true;
            }
            if (found == 0)
            {
                return false;
            }
            slot = (slot + 1) & (slots.Length - 1);
        }
    }

    private int Slot(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);

    private static ulong Pack(ReadOnlySpan<byte> value)
    {
        ulong key = (ulong)value.Length << 56;
        for (int i = 0; i < value.Length; i++)
        {
            key |= (ulong)value[i] << (i * 8);
        }
        return key;
    }
}
