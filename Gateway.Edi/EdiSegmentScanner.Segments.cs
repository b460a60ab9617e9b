using Gateway.Edi.Validation;

namespace Gateway.Edi;

// Cutting the next segment: its terminator (a released one does not count), tolerated line breaks inside it.
internal sealed partial class EdiSegmentScanner
{

    /// <summary>Cuts the next segment; false at the end of the stream.</summary>
    /// <exception cref="EdiFormatException">No terminator within the segment size limit.</exception>
    public bool TryReadSegment(out EdiRawSegment segment)
    {
        EdiDelimiters delimiters = Delimiters!;
        while (true)
        {
            SkipLayout(atFileStart: false);
            if (_pos >= _end && !Fill())
            {
                segment = default;
                return false;
            }
            if (TryCutPlain(delimiters, out int plainLength, out int plainCount, out bool clean))
            {
                FileSegmentIndex++;
                long plainPosition = Position;
                int plainStart = _pos;
                _pos += plainLength + 1;
                LastSegmentEnd = Position;
                segment = new EdiRawSegment(_buffer.AsSpan(plainStart, plainLength), _bounds.AsSpan(0, plainCount), plainPosition, FileSegmentIndex, plainStart, clean);
                return true;
            }
            int length = FindTerminator(delimiters);
            if (length < 0)
            {
                if (_end - _pos > _maxSegmentBytes)
                {
                    EdiThrow.Format($"No segment terminator {EdiDelimiters.Describe(delimiters.Segment)} within {_maxSegmentBytes} bytes: the terminator in the header is wrong or the file is damaged", Position, FileSegmentIndex + 1);
                }
                if (Fill())
                {
                    continue;
                }
                // The last segment of a file often lacks its terminator; take it as it is.
                length = _end - _pos;
                _warn(EdiIssueCode.LayoutTolerated, "The last segment has no terminator", BufferedEnd);
            }
            if (length == 0)
            {
                WarnLayout("An empty segment (two terminators in a row) was skipped");
                _pos++;
                continue;
            }
            FileSegmentIndex++;
            long position = Position;
            ReadOnlySpan<byte> text = _buffer.AsSpan(_pos, length);
            int count = Split(text, delimiters, out bool lineBreaks);
            if (lineBreaks && !delimiters.IsDelimiter((byte)'\n') && !delimiters.IsDelimiter((byte)'\r'))
            {
                text = Clean(text);
                count = Split(text, delimiters, out _);
            }
            int start = _pos;
            _pos = Math.Min(_pos + length + 1, _end);
            LastSegmentEnd = Position;
            segment = new EdiRawSegment(text, _bounds.AsSpan(0, count), position, FileSegmentIndex, start);
            return true;
        }
    }


    // The offset of the next terminator from _pos that no release character frees; -1 when none is buffered.
    private int FindTerminator(EdiDelimiters delimiters)
    {
        ReadOnlySpan<byte> rest = _buffer.AsSpan(_pos, _end - _pos);
        int from = 0;
        while (true)
        {
            int i = rest[from..].IndexOf(delimiters.Segment);
            if (i < 0)
            {
                return -1;
            }
            int at = from + i;
            if (delimiters.Release is not byte release || !IsReleased(rest, at, release))
            {
                return at;
            }
            from = at + 1;
        }
    }

    // A byte is released when an odd number of release characters stands right before it ("??'" ends a segment).
    private static bool IsReleased(ReadOnlySpan<byte> text, int at, byte release)
    {
        int count = 0;
        for (int k = at - 1; k >= 0 && text[k] == release; k--)
        {
            count++;
        }
        return count % 2 == 1;
    }

    // Hard-wrapped files (old VAN mailboxes) break lines inside segments; those bytes are never data.
    private ReadOnlySpan<byte> Clean(ReadOnlySpan<byte> text)
    {
        WarnLayout("Line breaks inside segments were removed");
        if (_scratch.Length < text.Length)
        {
            _scratch = new byte[text.Length * 2];
        }
        int n = 0;
        foreach (byte b in text)
        {
            if (b is not ((byte)'\r' or (byte)'\n'))
            {
                _scratch[n++] = b;
            }
        }
        return _scratch.AsSpan(0, n);
    }
}
