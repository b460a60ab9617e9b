using Gateway.Edi.Validation;

namespace Gateway.Edi.X12;

// The fixed-width ISA: finding it among junk, reading its delimiters, and saying exactly what is wrong with it.
public sealed partial class X12Reader
{
    private const int IsaLength = 106;

    // 0-based offsets of the 16 element separators in an ISA (after ISA, ISA01, ..., ISA15).
    private static readonly int[] IsaSeparators = [3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103];
    private bool StartInterchange()
    {
        SkipLayout(atFileStart: _bufferOffset + _pos == 0);
        long junkStart = _bufferOffset + _pos;
        int isa;
        while ((isa = FindIsa()) < 0)
        {
            if (_eof)
            {
                _pos = _end;
                return NoMoreInterchanges(junkStart);
            }
            // Keep three bytes: "ISA" may end this buffer before its separator.
            _pos = Math.Max(_pos, _end - 3);
            Fill();
        }
        if (_bufferOffset + isa > junkStart)
        {
            Report(EdiIssueCode.JunkIgnored, $"Skipped {_bufferOffset + isa - junkStart} bytes that are not X12 before the ISA", junkStart, severity: EdiSeverity.Warning);
        }
        _pos = isa;
        ReadIsa();
        _anyInterchange = true;
        return true;
    }

    private bool NoMoreInterchanges(long junkStart)
    {
        long junk = _bufferOffset + _end - junkStart;
        if (!_anyInterchange)
        {
            EdiThrow.Format(junk == 0
                ? "The file is empty; there is no X12 interchange in it"
                : "No ISA header found: this file is not X12 (an X12 interchange starts with \"ISA\" followed by its element separator). Check that the partner sent the right file", junkStart, 0);
        }
        if (junk > 0 && !IsTrailingPadding(junkStart))
        {
            Report(EdiIssueCode.JunkIgnored, $"Skipped {junk} bytes that are not X12 after the last IEA", junkStart, severity: EdiSeverity.Warning);
        }
        return false;
    }

    // Old systems pad files with NUL or end them with Ctrl-Z; that is not worth a warning.
    private bool IsTrailingPadding(long junkStart)
    {
        long from = junkStart - _bufferOffset;
        return from >= 0 && _buffer.AsSpan((int)from, _end - (int)from).IndexOfAnyExcept((byte)0, (byte)0x1A) < 0;
    }

    private int FindIsa()
    {
        int from = _pos;
        while (true)
        {
            int i = _buffer.AsSpan(from, _end - from).IndexOf("ISA"u8);
            if (i < 0 || from + i + 3 >= _end)
            {
                return -1;
            }
            int at = from + i;
            if (!char.IsAsciiLetterOrDigit((char)_buffer[at + 3]))
            {
                return at;
            }
            from = at + 1;
        }
    }

    private void ReadIsa()
    {
        while (_end - _pos < IsaLength + 4 && !_eof)
        {
            Fill();
        }
        long position = _bufferOffset + _pos;
        _fileSegmentIndex++;
        if (_end - _pos < IsaLength)
        {
            EdiThrow.Format($"The ISA is cut short: {_end - _pos} of its 106 bytes are in the file. Ask the partner to resend the whole file", position, _fileSegmentIndex);
        }
        int consumed = IsaLength;
        ReadOnlySpan<byte> isa = _buffer.AsSpan(_pos, IsaLength);
        if (!IsFixedWidth(isa) && isa[..105].IndexOfAny((byte)'\r', (byte)'\n') >= 0)
        {
            // Old VAN mailboxes wrap lines at 80 columns, the ISA included.
            isa = Unwrap(_buffer.AsSpan(_pos, _end - _pos), out consumed);
            ReportLayout("Line breaks inside the ISA were removed");
        }
        CheckFixedWidth(isa, position);
        byte element = isa[3], component = isa[104], terminator = isa[105];
        // ISA11 is the repetition separator from 00402 on; partners on older versions use it so too.
        byte? repetition = !char.IsAsciiLetterOrDigit((char)isa[82]) && isa[82] != ' ' ? isa[82] : null;
        if (char.IsAsciiLetterOrDigit((char)terminator))
        {
            EdiThrow.Format($"The segment terminator after ISA16 is {EdiDelimiters.Describe(terminator)}, a letter or digit: the ISA is not 106 bytes or the file is not X12", position + 105, _fileSegmentIndex, 16);
        }
        EdiDelimiters delimiters;
        try
        {
            delimiters = new EdiDelimiters(element, component, terminator, repetition);
        }
        catch (ArgumentException e)
        {
            EdiThrow.Format($"The ISA delimiters cannot be told apart: {e.Message}", position + 103, _fileSegmentIndex, 16);
            throw;
        }
        _terminatorTail = Utf8Tail(terminator, _buffer.AsSpan(_pos + consumed, Math.Min(3, _end - _pos - consumed)));
        _envelopeBuilder = new SegmentListBuilder(delimiters, 256);
        _setBuilder = null;
        _layoutReported = false;
        RawSegment raw = Tokenize(isa[..(IsaLength - 1)], position, _pos, delimiters);
        _pos += consumed;
        _lastSegmentEnd = _bufferOffset + _pos;
        Interchange = new X12Interchange(Keep(raw), delimiters);
        Group = null;
        if (char.IsAsciiLetterOrDigit((char)element) || element == ' ')
        {
            Report(EdiIssueCode.InvalidElementSeparator, $"The element separator {EdiDelimiters.Describe(element)} is a letter, digit or space", position + 3);
        }
        if (char.IsAsciiLetterOrDigit((char)component) || component == ' ')
        {
            Report(EdiIssueCode.InvalidComponentSeparator, $"ISA16, the component separator, is {EdiDelimiters.Describe(component)}: a letter, digit or space", position + 104);
        }
    }

    private static bool IsFixedWidth(ReadOnlySpan<byte> isa)
    {
        foreach (int p in IsaSeparators)
        {
            if (isa[p] != isa[3])
            {
                return false;
            }
        }
        return isa[..104].Count(isa[3]) == IsaSeparators.Length;
    }

    private static byte[] Unwrap(ReadOnlySpan<byte> raw, out int consumed)
    {
        var header = new byte[IsaLength];
        int n = 0, i = 0;
        for (; i < raw.Length && n < IsaLength; i++)
        {
            if (raw[i] is not ((byte)'\r' or (byte)'\n') || n == IsaLength - 1)
            {
                header[n++] = raw[i];
            }
        }
        consumed = n == IsaLength ? i : IsaLength;
        return n == IsaLength ? header : raw[..IsaLength].ToArray();
    }

    private void CheckFixedWidth(ReadOnlySpan<byte> isa, long position)
    {
        byte separator = isa[3];
        int previous = 3;
        for (int field = 1; field < IsaSeparators.Length; field++)
        {
            int expected = IsaSeparators[field];
            int actual = isa[(previous + 1)..].IndexOf(separator);
            actual = actual < 0 ? -1 : actual + previous + 1;
            if (actual != expected)
            {
                string length = actual < 0 ? "longer than the header" : $"{actual - previous - 1} characters";
                EdiThrow.Format($"ISA{field:00} is {length} but must be exactly {expected - previous - 1}: the ISA is fixed width (106 bytes) and its delimiters cannot be read. Ask the partner to pad ISA{field:00} to its full width", position + previous + 1, _fileSegmentIndex, field);
            }
            previous = expected;
        }
        if (isa[104] == separator || isa[105] == separator)
        {
            EdiThrow.Format("ISA16 or the segment terminator is the element separator: the ISA is not 106 bytes", position + 104, _fileSegmentIndex, 16);
        }
    }

    // A partner once ended segments with U+2026; keep the lead byte as the terminator and skip the rest.
    private static byte[] Utf8Tail(byte terminator, ReadOnlySpan<byte> following)
    {
        int n = terminator >= 0xF0 ? 3 : terminator >= 0xE0 ? 2 : terminator >= 0xC0 ? 1 : 0;
        return n > 0 && following.Length >= n && following[..n].IndexOfAnyExceptInRange((byte)0x80, (byte)0xBF) < 0 ? following[..n].ToArray() : [];
    }
}
