using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Gateway.Edi;

// Splitting a segment's text into element bounds: vectorised, or byte by byte when release characters are in it.
internal sealed partial class EdiSegmentScanner
{

    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
    /// <summary>Cuts <paramref name="text"/> at every element separator into <see cref="_bounds"/>, and tells
    /// whether it holds a line break; one pass, 32 bytes at a time where the processor allows.</summary>
    private int Split(ReadOnlySpan<byte> text, EdiDelimiters delimiters, out bool lineBreaks)
    {
        if (_bounds.Length < text.Length + 1)
        {
            _bounds = new ElementBounds[Math.Max(text.Length + 1, _bounds.Length * 2)];
        }
        if (delimiters.Release is byte release && text.Contains(release))
        {
            return SplitReleased(text, delimiters.Element, release, out lineBreaks);
        }
        byte separator = delimiters.Element;
        Span<ElementBounds> bounds = _bounds;
        int count = 0, start = 0, i = 0;
        uint breaks = 0;
        if (Vector256.IsHardwareAccelerated && text.Length >= Vector256<byte>.Count)
        {
            ref byte data = ref MemoryMarshal.GetReference(text);
            Vector256<byte> separators = Vector256.Create(separator), cr = Vector256.Create((byte)'\r'), lf = Vector256.Create((byte)'\n');
            for (; i <= text.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                Vector256<byte> block = Vector256.LoadUnsafe(ref data, (nuint)i);
                uint found = Vector256.Equals(block, separators).ExtractMostSignificantBits();
                breaks |= (Vector256.Equals(block, cr) | Vector256.Equals(block, lf)).ExtractMostSignificantBits();
                while (found != 0)
                {
                    int at = i + BitOperations.TrailingZeroCount(found);
                    bounds[count++] = new ElementBounds(start, at - start, false);
                    start = at + 1;
                    found &= found - 1;
                }
            }
        }
        for (; i < text.Length; i++)
        {
            byte b = text[i];
            if (b == separator)
            {
                bounds[count++] = new ElementBounds(start, i - start, false);
                start = i + 1;
            }
            else if (b is (byte)'\r' or (byte)'\n')
            {
                breaks = 1;
            }
        }
        bounds[count++] = new ElementBounds(start, text.Length - start, false);
        lineBreaks = breaks != 0;
        return count;
    }

    // EDIFACT with release characters in the segment: a separator after an odd run of them is data.
    private int SplitReleased(ReadOnlySpan<byte> text, byte separator, byte release, out bool lineBreaks)
    {
        Span<ElementBounds> bounds = _bounds;
        int count = 0, start = 0;
        bool escaped = false;
        lineBreaks = false;
        for (int i = 0; i < text.Length; i++)
        {
            byte b = text[i];
            if (b == release && i + 1 < text.Length)
            {
                escaped = true;
                i++;
                lineBreaks |= text[i] is (byte)'\r' or (byte)'\n';
            }
            else if (b == separator)
            {
                bounds[count++] = new ElementBounds(start, i - start, escaped);
                start = i + 1;
                escaped = false;
            }
            else if (b is (byte)'\r' or (byte)'\n')
            {
                lineBreaks = true;
            }
        }
        bounds[count++] = new ElementBounds(start, text.Length - start, escaped);
        return count;
    }
}
