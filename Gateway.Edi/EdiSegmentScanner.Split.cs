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

    /// <summary>The common case in one pass, 32 bytes at a time: the next segment and its terminator are buffered, and it
    /// holds no release character and no line break. Finds the terminator and cuts the elements into <see cref="_bounds"/>;
    /// false leaves anything else (a short buffer, an empty segment, escapes, wrapped lines) to the careful path.
    /// <paramref name="clean"/> tells whether it holds none of <see cref="EdiDelimiters.ValueAnomalies"/>, so validation need not look.</summary>
    private bool TryCutPlain(EdiDelimiters delimiters, out int length, out int count, out bool clean)
    {
        length = 0;
        count = 0;
        clean = false;
        if (!Vector256.IsHardwareAccelerated)
        {
            return false;
        }
        ReadOnlySpan<byte> rest = _buffer.AsSpan(_pos, Math.Min(_end - _pos, _maxSegmentBytes));
        ref byte data = ref MemoryMarshal.GetReference(rest);
        // Without a release character the terminator stands in for it: it never counts before the terminator.
        Vector256<byte> terminators = Vector256.Create(delimiters.Segment), separators = Vector256.Create(delimiters.Element),
            releases = Vector256.Create(delimiters.Release ?? delimiters.Segment), cr = Vector256.Create((byte)'\r'), lf = Vector256.Create((byte)'\n'),
            components = Vector256.Create(delimiters.Component), repetitions = Vector256.Create(delimiters.Repetition ?? delimiters.Element),
            control = Vector256.Create((byte)0x20), nonAscii = Vector256.Create((byte)0x7F);
        int start = 0;
        uint anomalies = 0;
        for (int i = 0; i <= rest.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
        {
            if (_bounds.Length < count + Vector256<byte>.Count + 1)
            {
                Array.Resize(ref _bounds, _bounds.Length * 2);
            }
            Vector256<byte> block = Vector256.LoadUnsafe(ref data, (nuint)i);
            uint ends = Vector256.Equals(block, terminators).ExtractMostSignificantBits();
            uint before = ends == 0 ? uint.MaxValue : (1u << BitOperations.TrailingZeroCount(ends)) - 1;
            Vector256<byte> isSeparator = Vector256.Equals(block, separators);
            uint found = isSeparator.ExtractMostSignificantBits();
            // What ValueAnomalies holds: control bytes, DEL, non-ASCII and the repetition separator, but not the separators.
            anomalies |= Vector256.AndNot(Vector256.LessThan(block, control) | Vector256.GreaterThanOrEqual(block, nonAscii) | Vector256.Equals(block, repetitions),
                isSeparator | Vector256.Equals(block, components)).ExtractMostSignificantBits() & before;
            uint special = (Vector256.Equals(block, releases) | Vector256.Equals(block, cr) | Vector256.Equals(block, lf)).ExtractMostSignificantBits();
            if ((special & before) != 0)
            {
                return false;
            }
            found &= before;
            while (found != 0)
            {
                int at = i + BitOperations.TrailingZeroCount(found);
                _bounds[count++] = new ElementBounds(start, at - start, false);
                start = at + 1;
                found &= found - 1;
            }
            if (ends != 0)
            {
                length = i + BitOperations.TrailingZeroCount(ends);
                _bounds[count++] = new ElementBounds(start, length - start, false);
                clean = anomalies == 0;
                return length > 0;
            }
        }
        return false;
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
