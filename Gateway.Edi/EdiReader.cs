namespace Gateway.Edi;

/// <summary>A forward-only tokenizer over the bytes of whole segments: tags and elements, never copies.</summary>
/// <remarks>Works like <c>Utf8JsonReader</c>: the caller buffers complete segments (the X12 and EDIFACT
/// readers do), and this struct slices them. Line breaks and indentation before a tag are skipped.</remarks>
public ref struct EdiReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly EdiDelimiters _delimiters;
    private int _position;
    private bool _atSegmentStart;

    /// <summary>Creates a reader over <paramref name="data"/>, which must end with a segment terminator.</summary>
    public EdiReader(ReadOnlySpan<byte> data, EdiDelimiters delimiters)
    {
        ArgumentNullException.ThrowIfNull(delimiters);
        _data = data;
        _delimiters = delimiters;
        _atSegmentStart = true;
        ElementIndex = -1;
    }

    /// <summary>What the last <see cref="Read"/> found.</summary>
    public EdiTokenType TokenType { get; private set; }

    /// <summary>The token: a slice of the input.</summary>
    public ReadOnlySpan<byte> ValueSpan { get; private set; }

    /// <summary>The value contains release characters: unescape before use (EDIFACT only).</summary>
    public bool ValueIsEscaped { get; private set; }

    /// <summary>The 1-based number of the current segment in the input.</summary>
    public int SegmentIndex { get; private set; }

    /// <summary>The element of the current token in its segment; 0 is the tag.</summary>
    public int ElementIndex { get; private set; }

    /// <summary>The offset in the input of the current token.</summary>
    public readonly int TokenStart => _position - ValueSpan.Length - 1;

    /// <summary>Whether the current token is the last of its segment.</summary>
    public readonly bool IsLastInSegment => _atSegmentStart;

    /// <summary>The offset in the input where the next read starts.</summary>
    public readonly int BytesConsumed => _position;

    /// <summary>Reads the next tag or element; false at the end of the input.</summary>
    /// <exception cref="EdiFormatException">The last segment has no terminator.</exception>
    public bool Read()
    {
        if (_atSegmentStart && !StartSegment())
        {
            return false;
        }
        int stop = FindStop(_position);
        ValueSpan = _data[_position..stop];
        TokenType = ++ElementIndex == 0 ? EdiTokenType.SegmentTag : EdiTokenType.Element;
        _atSegmentStart = _data[stop] == _delimiters.Segment;
        _position = stop + 1;
        return true;
    }

    /// <summary>Skips the rest of the current segment; false when there is no terminator left.</summary>
    public bool SkipSegment()
    {
        if (_atSegmentStart)
        {
            return true;
        }
        while (!_atSegmentStart)
        {
            int stop = FindStop(_position);
            _atSegmentStart = _data[stop] == _delimiters.Segment;
            _position = stop + 1;
        }
        return true;
    }

    private bool StartSegment()
    {
        while (_position < _data.Length && IsSkippable(_data[_position]))
        {
            _position++;
        }
        if (_position >= _data.Length)
        {
            return false;
        }
        SegmentIndex++;
        ElementIndex = -1;
        _atSegmentStart = false;
        return true;
    }

    // Partners end segments with "~\r\n" or indent pretty-printed files; none of these bytes can start a tag.
    private readonly bool IsSkippable(byte b) =>
        b is (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t' && !_delimiters.IsDelimiter(b);

    private int FindStop(int from)
    {
        ValueIsEscaped = false;
        while (true)
        {
            int i = _data[from..].IndexOfAny(_delimiters.Stops);
            if (i < 0)
            {
                EdiThrow.UnterminatedSegment(SegmentIndex, _position);
            }
            from += i;
            if (_data[from] != _delimiters.Release)
            {
                return from;
            }
            ValueIsEscaped = true;
            from = Math.Min(from + 2, _data.Length);
        }
    }
}
