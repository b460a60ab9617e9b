namespace Gateway.Edi;

/// <summary>Builds a <see cref="SegmentList"/>, from read bytes or from values.</summary>
public sealed class SegmentListBuilder
{
    private readonly EdiDelimiters _delimiters;
    private readonly System.Text.Encoding _encoding;
    private byte[] _data;
    private int _dataLength;
    private SegmentEntry[] _segments;
    private int _segmentCount;
    private ElementBounds[] _elements;
    private int _elementCount;

    /// <summary>Creates a builder for documents made in memory, stored with <see cref="EdiDelimiters.Internal"/>.</summary>
    public SegmentListBuilder()
        : this(EdiDelimiters.Internal)
    {
    }

    /// <summary>Creates a builder whose stored text uses <paramref name="delimiters"/>.</summary>
    public SegmentListBuilder(EdiDelimiters delimiters, int capacityBytes = 1024, System.Text.Encoding? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(delimiters);
        _delimiters = delimiters;
        _encoding = encoding ?? System.Text.Encoding.UTF8;
        _data = new byte[Math.Max(capacityBytes, 64)];
        _segments = new SegmentEntry[16];
        _elements = new ElementBounds[128];
    }

    /// <summary>The number of segments added so far.</summary>
    public int Count => _segmentCount;

    /// <summary>The number of text bytes added so far.</summary>
    public int ByteCount => _dataLength;

    /// <summary>Adds a segment from values: the tag, then its elements in order.</summary>
    /// <remarks>Components of an element are joined with the component delimiter of this builder by the
    /// caller, or passed through <see cref="AddComposite"/>. Values are checked by the writer, not here.</remarks>
    public SegmentListBuilder Add(string tag, params ReadOnlySpan<string?> elements)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        int start = _dataLength;
        int first = _elementCount;
        AppendElement(tag);
        foreach (string? element in elements)
        {
            Append(_delimiters.Element);
            AppendElement(element ?? "");
        }
        TrimTrailingEmpty(first);
        AddEntry(start, first, bytePosition: -1, fileSegmentIndex: 0);
        return this;
    }

    /// <summary>Joins repetitions with this builder's repetition delimiter.</summary>
    public string AddRepetitions(params ReadOnlySpan<string?> repetitions) =>
        string.Join((char)(_delimiters.Repetition ?? throw new InvalidOperationException("These delimiters have no repetition separator.")), repetitions.ToArray());

    /// <summary>Joins <paramref name="components"/> with this builder's component delimiter.</summary>
    public string AddComposite(params ReadOnlySpan<string?> components)
    {
        int last = components.Length - 1;
        while (last >= 0 && string.IsNullOrEmpty(components[last]))
        {
            last--;
        }
        return string.Join((char)_delimiters.Component, components[..(last + 1)].ToArray());
    }

    /// <summary>Adds the bytes of one read segment, without its terminator, already split by <see cref="EdiSegmentScanner"/>.</summary>
    internal void AddRead(ReadOnlySpan<byte> text, ReadOnlySpan<ElementBounds> bounds, long bytePosition, int fileSegmentIndex, bool? clean = null)
    {
        int start = _dataLength;
        EnsureData(text.Length);
        text.CopyTo(_data.AsSpan(_dataLength));
        _dataLength += text.Length;
        int first = _elementCount;
        EnsureElements(bounds.Length);
        foreach (ElementBounds b in bounds)
        {
            _elements[_elementCount++] = b with { Start = b.Start + start };
        }
        AddEntry(start, first, bytePosition, fileSegmentIndex, clean);
    }

    /// <summary>Creates the list and resets this builder.</summary>
    public SegmentList Build()
    {
        var list = new SegmentList(_delimiters, _data[.._dataLength], _segments[.._segmentCount], _elements[.._elementCount], encoding: _encoding);
        Clear();
        return list;
    }

    /// <summary>Creates a list over this builder's own arrays, without copying; it is valid only until the
    /// builder is cleared or added to. For readers that hand out one document at a time.</summary>
    internal SegmentList BuildBorrowed() => new(_delimiters, _data, _segments, _elements, _segmentCount, _encoding);

    /// <summary>Forgets what was added.</summary>
    public void Clear()
    {
        _dataLength = 0;
        _segmentCount = 0;
        _elementCount = 0;
    }

    private void AppendElement(string value)
    {
        int start = _dataLength;
        EnsureData(_encoding.GetMaxByteCount(value.Length));
        int written = _encoding.GetBytes(value, _data.AsSpan(_dataLength));
        _dataLength += written;
        EnsureElements(1);
        _elements[_elementCount++] = new ElementBounds(start, written, false);
    }

    // X12 and EDIFACT both forbid trailing separators: "REF*ZZ*1**" is written "REF*ZZ*1".
    private void TrimTrailingEmpty(int first)
    {
        while (_elementCount - first > 1 && _elements[_elementCount - 1].Length == 0)
        {
            _elementCount--;
            _dataLength--;
        }
    }

    private void Append(byte b)
    {
        EnsureData(1);
        _data[_dataLength++] = b;
    }

    private void AddEntry(int start, int first, long bytePosition, int fileSegmentIndex, bool? clean = null)
    {
        if (_segmentCount == _segments.Length)
        {
            Array.Resize(ref _segments, _segments.Length * 2);
        }
        _segments[_segmentCount++] = new SegmentEntry(start, _dataLength - start, first, _elementCount - first, bytePosition, fileSegmentIndex, clean);
    }

    private void EnsureData(int more)
    {
        if (_dataLength + more > _data.Length)
        {
            Array.Resize(ref _data, Math.Max(_data.Length * 2, _dataLength + more));
        }
    }

    private void EnsureElements(int more)
    {
        if (_elementCount + more > _elements.Length)
        {
            Array.Resize(ref _elements, Math.Max(_elements.Length * 2, _elementCount + more));
        }
    }
}
