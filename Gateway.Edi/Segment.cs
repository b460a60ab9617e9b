using System.Text;

namespace Gateway.Edi;

/// <summary>A view of one segment in a <see cref="SegmentList"/>; elements are numbered from 1 as in <c>REF01</c>.</summary>
public readonly struct Segment : IEquatable<Segment>
{
    private readonly SegmentList _list;
    private readonly int _index;

    internal Segment(SegmentList list, int index)
    {
        _list = list;
        _index = index;
    }

    /// <summary>The segment tag, for example <c>BEG</c>.</summary>
    public string Tag => SegmentTags.Get(_list.Element(_index, 0));

    /// <summary>The tag as bytes.</summary>
    public ReadOnlySpan<byte> TagSpan => _list.Element(_index, 0);

    /// <summary>The number of data elements present, trailing empty ones included.</summary>
    public int ElementCount => _list.Entry(_index).ElementCount - 1;

    /// <summary>The 0-based offset of the segment in the file it was read from; -1 when built in memory.</summary>
    public long BytePosition => _list.Entry(_index).BytePosition;

    /// <summary>The 1-based number of the segment in the file it was read from; 0 when built in memory.</summary>
    public int FileSegmentIndex => _list.Entry(_index).FileSegmentIndex;

    /// <summary>The text buffer that <see cref="RawBounds"/> index into, for hot loops.</summary>
    internal ReadOnlySpan<byte> RawData => _list.Data;

    /// <summary>The bounds of the tag (0) and the elements (1 on) in <see cref="RawData"/>.</summary>
    internal ReadOnlySpan<ElementBounds> RawBounds => _list.Bounds(_index);

    /// <summary>Whether the text holds none of <see cref="EdiDelimiters.ValueAnomalies"/>; null when not known (look).</summary>
    internal bool? IsClean => _list.Entry(_index).Clean;

    /// <summary>How the stored text decodes.</summary>
    internal System.Text.Encoding Encoding => _list.Encoding;

    /// <summary>Whether the segment was read from a file (its text is as received, escapes included) rather than built.</summary>
    internal bool WasRead => BytePosition >= 0;

    /// <summary>The delimiters of the stored text.</summary>
    public EdiDelimiters Delimiters => _list.Delimiters;

    /// <summary>The segment's text without its terminator.</summary>
    public ReadOnlySpan<byte> Text => _list.Text(_index);

    /// <summary>Element <paramref name="position"/> (1-based) as bytes; empty when absent.</summary>
    public ReadOnlySpan<byte> GetSpan(int position) => position < 1 ? default : _list.Element(_index, position);

    /// <summary>Element <paramref name="position"/> (1-based) as text, release characters removed; empty when absent.</summary>
    public string this[int position] => DecodeValue(GetSpan(position), IsEscaped(position));

    /// <summary>Whether element <paramref name="position"/> has a value.</summary>
    public bool Has(int position) => !GetSpan(position).IsEmpty;

    /// <summary>Whether element <paramref name="position"/> contains release characters (EDIFACT).</summary>
    public bool IsEscaped(int position) => _list.ElementIsEscaped(_index, position);

    /// <summary>The components of element <paramref name="position"/>; one part when it is not composite.</summary>
    public IReadOnlyList<string> GetComponents(int position) => Split(GetSpan(position), Delimiters.Component);

    /// <summary>The repetitions of element <paramref name="position"/>; one part when the version has no repetition separator.</summary>
    public IReadOnlyList<string> GetRepetitions(int position) =>
        Delimiters.Repetition is byte r ? Split(GetSpan(position), r) : [this[position]];

    /// <summary>Decodes a part of one of this segment's values (a component or repetition), release characters removed.</summary>
    internal string DecodePart(ReadOnlySpan<byte> part) => DecodeValue(part, Delimiters.Release is byte r && part.Contains(r));

    private string DecodeValue(ReadOnlySpan<byte> value, bool escaped)
    {
        if (value.IsEmpty)
        {
            return "";
        }
        return _list.Encoding.GetString(escaped ? EdiRelease.Unescape(value, Delimiters.Release) : value);
    }

    /// <inheritdoc/>
    public override string ToString() => _list.Encoding.GetString(Text) + (char)Delimiters.Segment;

    /// <inheritdoc/>
    public bool Equals(Segment other) => ReferenceEquals(_list, other._list) && _index == other._index;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Segment other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_list, _index);

    /// <summary>Compares two views.</summary>
    public static bool operator ==(Segment left, Segment right) => left.Equals(right);

    /// <summary>Compares two views.</summary>
    public static bool operator !=(Segment left, Segment right) => !left.Equals(right);

    internal static string Decode(ReadOnlySpan<byte> value) => value.IsEmpty ? "" : Encoding.UTF8.GetString(value);

    private List<string> Split(ReadOnlySpan<byte> value, byte separator)
    {
        var parts = new List<string>();
        var reader = new EdiComponentReader(value, separator, Delimiters.Release);
        while (reader.Read())
        {
            parts.Add(DecodeValue(reader.ValueSpan, Delimiters.Release is byte r && reader.ValueSpan.Contains(r)));
        }
        return parts;
    }
}
