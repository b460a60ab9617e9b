using Gateway.Edi.Validation;

namespace Gateway.Edi;

/// <summary>Cuts segments out of a stream for the X12 and EDIFACT readers: a sliding buffer, tolerated layout
/// (line breaks, indentation, a BOM), terminators and element separators, with the release character honoured.</summary>
/// <remarks>The readers own the standards' headers (ISA, UNA/UNB) and set <see cref="Delimiters"/> from them.</remarks>
internal sealed partial class EdiSegmentScanner : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly int _maxSegmentBytes;
    private readonly Action<EdiIssueCode, string, long> _warn;
    private byte[] _buffer;
    private int _pos;
    private int _end;
    private long _bufferOffset;
    private bool _eof;
    private byte[] _scratch = new byte[256];
    private ElementBounds[] _bounds = new ElementBounds[32];
    private bool _layoutReported;

    public EdiSegmentScanner(Stream stream, int bufferSize, int maxSegmentBytes, bool leaveOpen, Action<EdiIssueCode, string, long> warn)
    {
        _stream = stream;
        _buffer = new byte[Math.Max(bufferSize, 256)];
        _maxSegmentBytes = maxSegmentBytes;
        _leaveOpen = leaveOpen;
        _warn = warn;
    }

    /// <summary>The delimiters of the current interchange; null before its header is read.</summary>
    public EdiDelimiters? Delimiters { get; set; }

    /// <summary>Bytes that follow every terminator and are skipped (the tail of a multi-byte UTF-8 terminator).</summary>
    public byte[] TerminatorTail { get; set; } = [];

    /// <summary>The file offset of the next unread byte.</summary>
    public long Position => _bufferOffset + _pos;

    /// <summary>The file offset just past the last byte in the buffer.</summary>
    public long BufferedEnd => _bufferOffset + _end;

    /// <summary>The 1-based number of the last segment cut, headers included.</summary>
    public int FileSegmentIndex { get; set; }

    /// <summary>The file offset just past the last segment cut.</summary>
    public long LastSegmentEnd { get; set; }

    /// <summary>The unread bytes in the buffer.</summary>
    public ReadOnlySpan<byte> Available => _buffer.AsSpan(_pos, _end - _pos);

    /// <summary>A new interchange may warn again about its layout.</summary>
    public void StartInterchange() => _layoutReported = false;

    /// <summary>Reads until <paramref name="count"/> bytes are available or the stream ends; true when they are.</summary>
    public bool Ensure(int count)
    {
        while (_end - _pos < count && Fill())
        {
        }
        return _end - _pos >= count;
    }

    /// <summary>Consumes <paramref name="count"/> bytes.</summary>
    public void Advance(int count) => _pos += count;

    /// <summary>Drops what was scanned except the last <paramref name="keep"/> bytes, and reads more; false at the end.</summary>
    public bool SlideAndFill(int keep)
    {
        _pos = Math.Max(_pos, _end - keep);
        return Fill();
    }

    /// <summary>The buffered bytes from file offset <paramref name="fileOffset"/> (or the buffer's start) to its end.</summary>
    public ReadOnlySpan<byte> BufferedSince(long fileOffset)
    {
        int from = (int)Math.Clamp(fileOffset - _bufferOffset, 0, _end);
        return _buffer.AsSpan(from, _end - from);
    }

    /// <summary>Skips layout and junk to the next interchange header that <paramref name="find"/> locates in the
    /// buffered bytes; false when the stream ends first. <paramref name="junkStart"/> is where skipping began.</summary>
    public bool SkipToHeader(HeaderFinder find, out long junkStart)
    {
        SkipLayout(atFileStart: Position == 0);
        junkStart = Position;
        int at;
        while ((at = find(Available)) < 0)
        {
            // Keep three bytes: a header's first letters may end this buffer.
            if (!SlideAndFill(keep: 3))
            {
                return false;
            }
        }
        Advance(at);
        return true;
    }

    /// <summary>Whether the bytes after <paramref name="junkStart"/> are only the NUL or Ctrl-Z padding old systems add.</summary>
    public bool OnlyPaddingSince(long junkStart) => BufferedSince(junkStart).IndexOfAnyExcept((byte)0, (byte)0x1A) < 0;

    /// <summary>Consumes everything buffered (junk at the end of a file).</summary>
    public void SkipToEnd() => _pos = _end;

    /// <summary>A point to return to with <see cref="Rewind"/>; valid until the buffer is refilled.</summary>
    public int Mark => _pos;

    /// <summary>Goes back to <paramref name="mark"/> so that the segment cut there is read again.</summary>
    public void Rewind(int mark)
    {
        _pos = mark;
        FileSegmentIndex--;
    }

    /// <summary>Skips line breaks, indentation, a file's BOM and terminator tails between segments, warning once.</summary>
    public void SkipLayout(bool atFileStart)
    {
        if (atFileStart && Ensure(3) && Available.StartsWith("\uFEFF"u8))
        {
            _pos += 3;
            _warn(EdiIssueCode.LayoutTolerated, "The file starts with a UTF-8 byte order mark", 0);
        }
        int lineBreaks = 0;
        bool indented = false;
        while (true)
        {
            if (_pos >= _end && !Fill())
            {
                break;
            }
            byte b = _buffer[_pos];
            // Most segments start right after a line break or none: ask the delimiters only about layout bytes.
            bool layout = b is (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t' && !(Delimiters?.IsDelimiter(b) ?? false);
            if (layout && b is (byte)'\r' or (byte)'\n')
            {
                lineBreaks += b == (byte)'\n' ? 1 : 0;
            }
            else if (layout)
            {
                indented = true;
            }
            else if (TerminatorTail.Length > 0 && _buffer.AsSpan(_pos, Math.Min(TerminatorTail.Length, _end - _pos)).SequenceEqual(TerminatorTail))
            {
                _pos += TerminatorTail.Length - 1;
            }
            else
            {
                break;
            }
            _pos++;
        }
        if (Delimiters is not null && (lineBreaks > 1 || indented))
        {
            WarnLayout("Blank lines or indentation between segments were skipped");
        }
    }
    /// <summary>Splits a header's text (already cut) into a raw segment.</summary>
    public EdiRawSegment Tokenize(ReadOnlySpan<byte> text, EdiDelimiters delimiters, long position)
    {
        int count = Split(text, delimiters, out _);
        return new EdiRawSegment(text, _bounds.AsSpan(0, count), position, FileSegmentIndex, _pos);
    }

    /// <summary>Warns once per interchange about tolerated layout.</summary>
    public void WarnLayout(string message)
    {
        if (!_layoutReported)
        {
            _layoutReported = true;
            _warn(EdiIssueCode.LayoutTolerated, message, Position);
        }
    }
    private bool Fill()
    {
        if (_eof)
        {
            return false;
        }
        if (_pos > 0)
        {
            _buffer.AsSpan(_pos, _end - _pos).CopyTo(_buffer);
            _bufferOffset += _pos;
            _end -= _pos;
            _pos = 0;
        }
        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
            return false;
        }
        _end += read;
        return true;
    }
}

/// <summary>Finds an interchange header in <paramref name="data"/>: its offset, or -1.</summary>
internal delegate int HeaderFinder(ReadOnlySpan<byte> data);

/// <summary>A segment cut from the scanner's buffer; valid until the next read.</summary>
internal readonly ref struct EdiRawSegment(ReadOnlySpan<byte> text, ReadOnlySpan<ElementBounds> bounds, long bytePosition, int fileSegmentIndex, int mark, bool? clean = null)
{
    public ReadOnlySpan<byte> Text { get; } = text;

    public ReadOnlySpan<ElementBounds> Bounds { get; } = bounds;

    public long BytePosition { get; } = bytePosition;

    public int FileSegmentIndex { get; } = fileSegmentIndex;

    /// <summary>Where to <see cref="EdiSegmentScanner.Rewind"/> to read this segment again.</summary>
    public int Mark { get; } = mark;

    public int Length => Text.Length;

    /// <summary>Whether the text holds none of <see cref="EdiDelimiters.ValueAnomalies"/>; null when the scanner did not look.</summary>
    public bool? Clean { get; } = clean;

    public string Tag => SegmentTags.Get(Element(0));

    public ReadOnlySpan<byte> Element(int position) =>
        position < Bounds.Length ? Text.Slice(Bounds[position].Start, Bounds[position].Length) : default;
}
