using System.Collections;

namespace Gateway.Edi;

/// <summary>Segments stored compactly: one byte array for their text and one array of element bounds.</summary>
/// <remarks>A document of 20 segments costs four allocations, not one string per element; values stay
/// bytes until asked for. Each segment's text is kept without its terminator and with the delimiters
/// of <see cref="Delimiters"/>.</remarks>
public sealed class SegmentList : IReadOnlyList<Segment>
{
    private readonly byte[] _data;
    private readonly SegmentEntry[] _segments;
    private readonly ElementBounds[] _elements;
    private readonly int _count;

    internal SegmentList(EdiDelimiters delimiters, byte[] data, SegmentEntry[] segments, ElementBounds[] elements, int count = -1, System.Text.Encoding? encoding = null)
    {
        Delimiters = delimiters;
        Encoding = encoding ?? System.Text.Encoding.UTF8;
        _data = data;
        _segments = segments;
        _elements = elements;
        _count = count < 0 ? segments.Length : count;
    }

    /// <summary>How the stored bytes decode to text: UTF-8 for X12, the interchange's character set for EDIFACT.</summary>
    public System.Text.Encoding Encoding { get; }

    /// <summary>The delimiters the stored text uses.</summary>
    public EdiDelimiters Delimiters { get; }

    /// <summary>The number of segments.</summary>
    public int Count => _count;

    /// <summary>The segment at <paramref name="index"/> (0-based).</summary>
    public Segment this[int index] => (uint)index < (uint)_count
        ? new Segment(this, index)
        : throw new ArgumentOutOfRangeException(nameof(index));

    internal ref readonly SegmentEntry Entry(int index) => ref _segments[index];

    internal ReadOnlySpan<byte> Text(int index)
    {
        ref readonly SegmentEntry e = ref _segments[index];
        return _data.AsSpan(e.DataStart, e.DataLength);
    }

    internal ReadOnlySpan<byte> Element(int index, int position)
    {
        ref readonly SegmentEntry e = ref _segments[index];
        if ((uint)position >= (uint)e.ElementCount)
        {
            return default;
        }
        ElementBounds b = _elements[e.FirstElement + position];
        return _data.AsSpan(b.Start, b.Length);
    }

    /// <summary>The whole text buffer; element bounds index into it.</summary>
    internal ReadOnlySpan<byte> Data => _data;

    /// <summary>The bounds of a segment's tag (0) and elements (1 on).</summary>
    internal ReadOnlySpan<ElementBounds> Bounds(int index)
    {
        ref readonly SegmentEntry e = ref _segments[index];
        return _elements.AsSpan(e.FirstElement, e.ElementCount);
    }

    internal bool ElementIsEscaped(int index, int position)
    {
        ref readonly SegmentEntry e = ref _segments[index];
        return (uint)position < (uint)e.ElementCount && _elements[e.FirstElement + position].Escaped;
    }

    /// <summary>Enumerates the segments in order.</summary>
    public IEnumerator<Segment> GetEnumerator()
    {
        for (int i = 0; i < _count; i++)
        {
            yield return new Segment(this, i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Where one segment's text and elements sit in a <see cref="SegmentList"/>.</summary>
/// <remarks><c>Clean</c>: whether the text holds none of <see cref="EdiDelimiters.ValueAnomalies"/>, when the scanner looked.</remarks>
internal readonly record struct SegmentEntry(int DataStart, int DataLength, int FirstElement, int ElementCount, long BytePosition, int FileSegmentIndex, bool? Clean = null);

/// <summary>One element's slice of the text (position 0 is the tag).</summary>
internal readonly record struct ElementBounds(int Start, int Length, bool Escaped);
