using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Gateway.Edi.Validation;

namespace Gateway.Edi.X12;

// Cutting segments out of the buffer: terminators, tolerated layout, and element bounds.
public sealed partial class X12Reader
{
    private bool TryReadSegment(out RawSegment segment)
    {
        EdiDelimiters delimiters = Interchange!.Delimiters;
        while (true)
        {
            SkipLayout(atFileStart: false);
            if (_pos >= _end && !Fill())
            {
                segment = default;
                return false;
            }
            int length = _buffer.AsSpan(_pos, _end - _pos).IndexOf(delimiters.Segment);
            if (length < 0)
            {
                if (_end - _pos > _options.MaxSegmentBytes)
                {
                    EdiThrow.Format($"No segment terminator {EdiDelimiters.Describe(delimiters.Segment)} within {_options.MaxSegmentBytes} bytes: the terminator in the ISA is wrong or the file is damaged", _bufferOffset + _pos, _fileSegmentIndex + 1);
                }
                if (Fill())
                {
                    continue;
                }
                // The last segment of a file often lacks its terminator; take it as it is.
                length = _end - _pos;
                Report(EdiIssueCode.LayoutTolerated, "The last segment has no terminator", _bufferOffset + _end, severity: EdiSeverity.Warning);
            }
            if (length == 0)
            {
                ReportLayout("An empty segment (two terminators in a row) was skipped");
                _pos++;
                continue;
            }
            _fileSegmentIndex++;
            long position = _bufferOffset + _pos;
            ReadOnlySpan<byte> text = _buffer.AsSpan(_pos, length);
            int count = Split(text, delimiters.Element, out bool lineBreaks);
            if (lineBreaks && !delimiters.IsDelimiter((byte)'\n') && !delimiters.IsDelimiter((byte)'\r'))
            {
                text = Clean(text);
                count = Split(text, delimiters.Element, out _);
            }
            int start = _pos;
            _pos = Math.Min(_pos + length + 1, _end);
            _lastSegmentEnd = _bufferOffset + _pos;
            segment = new RawSegment(text, _bounds.AsSpan(0, count), position, _fileSegmentIndex, start);
            return true;
        }
    }

    // Hard-wrapped files (old VAN mailboxes) break lines inside segments; those bytes are never data.
    private ReadOnlySpan<byte> Clean(ReadOnlySpan<byte> text)
    {
        ReportLayout("Line breaks inside segments were removed");
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

    private RawSegment Tokenize(ReadOnlySpan<byte> text, long position, int bufferStart, EdiDelimiters delimiters)
    {
        int count = Split(text, delimiters.Element, out _);
        return new RawSegment(text, _bounds.AsSpan(0, count), position, _fileSegmentIndex, bufferStart);
    }

    /// <summary>Cuts <paramref name="text"/> at every <paramref name="separator"/> into <see cref="_bounds"/>, and tells
    /// whether it holds a line break; one pass, 32 bytes at a time where the processor allows.</summary>
    private int Split(ReadOnlySpan<byte> text, byte separator, out bool lineBreaks)
    {
        if (_bounds.Length < text.Length + 1)
        {
            _bounds = new ElementBounds[Math.Max(text.Length + 1, _bounds.Length * 2)];
        }
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

    private void SkipLayout(bool atFileStart)
    {
        while (atFileStart && _end - _pos < 3 && Fill())
        {
        }
        if (atFileStart && _buffer.AsSpan(_pos, _end - _pos).StartsWith("\uFEFF"u8))
        {
            _pos += 3;
            Report(EdiIssueCode.LayoutTolerated, "The file starts with a UTF-8 byte order mark", 0, severity: EdiSeverity.Warning);
        }
        int lineBreaks = 0;
        bool indented = false;
        while (true)
        {
            if (_pos >= _end && !Fill())
            {
                return;
            }
            byte b = _buffer[_pos];
            bool delimiter = Interchange?.Delimiters.IsDelimiter(b) ?? false;
            if (b is (byte)'\r' or (byte)'\n' && !delimiter)
            {
                lineBreaks += b == (byte)'\n' ? 1 : 0;
            }
            else if (b is (byte)' ' or (byte)'\t' && !delimiter)
            {
                indented = true;
            }
            else if (!(_terminatorTail.Length > 0 && _buffer.AsSpan(_pos, Math.Min(_terminatorTail.Length, _end - _pos)).SequenceEqual(_terminatorTail)))
            {
                break;
            }
            else
            {
                _pos += _terminatorTail.Length - 1;
            }
            _pos++;
        }
        if (Interchange is not null && (lineBreaks > 1 || indented))
        {
            ReportLayout("Blank lines or indentation between segments were skipped");
        }
    }

    private void ReportLayout(string message)
    {
        if (!_layoutReported)
        {
            _layoutReported = true;
            Report(EdiIssueCode.LayoutTolerated, message, _bufferOffset + _pos, severity: EdiSeverity.Warning);
        }
    }
}
