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
        if (!_scanner.SkipToHeader(FindIsa, out long junkStart))
        {
            return NoMoreInterchanges(junkStart);
        }
        if (_scanner.Position > junkStart)
        {
            Report(EdiIssueCode.JunkIgnored, $"Skipped {_scanner.Position - junkStart} bytes that are not X12 before the ISA", junkStart, severity: EdiSeverity.Warning);
        }
        ReadIsa();
        _anyInterchange = true;
        return true;
    }

    private bool NoMoreInterchanges(long junkStart)
    {
        long junk = _scanner.BufferedEnd - junkStart;
        if (!_anyInterchange)
        {
            EdiThrow.Format(junk == 0
                ? "The file is empty; there is no X12 interchange in it"
                : "No ISA header found: this file is not X12 (an X12 interchange starts with \"ISA\" followed by its element separator). Check that the partner sent the right file", junkStart, 0);
        }
        if (junk > 0 && !_scanner.OnlyPaddingSince(junkStart))
        {
            Report(EdiIssueCode.JunkIgnored, $"Skipped {junk} bytes that are not X12 after the last IEA", junkStart, severity: EdiSeverity.Warning);
        }
        _scanner.SkipToEnd();
        return false;
    }

    private static int FindIsa(ReadOnlySpan<byte> data)
    {
        int from = 0;
        while (true)
        {
            int i = data[from..].IndexOf("ISA"u8);
            if (i < 0 || from + i + 3 >= data.Length)
            {
                return -1;
            }
            int at = from + i;
            if (!char.IsAsciiLetterOrDigit((char)data[at + 3]))
            {
                return at;
            }
            from = at + 1;
        }
    }

    private void ReadIsa()
    {
        _scanner.Ensure(IsaLength + 4);
        long position = _scanner.Position;
        int segmentIndex = ++_scanner.FileSegmentIndex;
        ReadOnlySpan<byte> available = _scanner.Available;
        if (available.Length < IsaLength)
        {
            EdiThrow.Format($"The ISA is cut short: {available.Length} of its 106 bytes are in the file. Ask the partner to resend the whole file", position, segmentIndex);
        }
        int consumed = IsaLength;
        ReadOnlySpan<byte> isa = available[..IsaLength];
        if (!IsFixedWidth(isa) && isa[..105].IndexOfAny((byte)'\r', (byte)'\n') >= 0)
        {
            // Old VAN mailboxes wrap lines at 80 columns, the ISA included.
            isa = Unwrap(available, out consumed);
            _scanner.WarnLayout("Line breaks inside the ISA were removed");
        }
        CheckFixedWidth(isa, position, segmentIndex);
        byte element = isa[3], component = isa[104], terminator = isa[105];
        // ISA11 is the repetition separator from 00402 on; partners on older versions use it so too.
        byte? repetition = !char.IsAsciiLetterOrDigit((char)isa[82]) && isa[82] != ' ' ? isa[82] : null;
        if (char.IsAsciiLetterOrDigit((char)terminator))
        {
            EdiThrow.Format($"The segment terminator after ISA16 is {EdiDelimiters.Describe(terminator)}, a letter or digit: the ISA is not 106 bytes or the file is not X12", position + 105, segmentIndex, 16);
        }
        EdiDelimiters delimiters;
        try
        {
            delimiters = new EdiDelimiters(element, component, terminator, repetition);
        }
        catch (ArgumentException e)
        {
            EdiThrow.Format($"The ISA delimiters cannot be told apart: {e.Message}", position + 103, segmentIndex, 16);
            throw;
        }
        _scanner.TerminatorTail = Utf8Tail(terminator, available[consumed..Math.Min(consumed + 3, available.Length)]);
        _scanner.Delimiters = delimiters;
        _scanner.StartInterchange();
        _envelopeBuilder = new SegmentListBuilder(delimiters, 256);
        _setBuilder = null;
        EdiRawSegment raw = _scanner.Tokenize(isa[..(IsaLength - 1)], delimiters, position);
        Interchange = new X12Interchange(Keep(raw), delimiters);
        _scanner.Advance(consumed);
        _scanner.LastSegmentEnd = _scanner.Position;
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

    private static void CheckFixedWidth(ReadOnlySpan<byte> isa, long position, int segmentIndex)
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
                EdiThrow.Format($"ISA{field:00} is {length} but must be exactly {expected - previous - 1}: the ISA is fixed width (106 bytes) and its delimiters cannot be read. Ask the partner to pad ISA{field:00} to its full width", position + previous + 1, segmentIndex, field);
            }
            previous = expected;
        }
        if (isa[104] == separator || isa[105] == separator)
        {
            EdiThrow.Format("ISA16 or the segment terminator is the element separator: the ISA is not 106 bytes", position + 104, segmentIndex, 16);
        }
    }

    // A partner once ended segments with U+2026; keep the lead byte as the terminator and skip the rest.
    private static byte[] Utf8Tail(byte terminator, ReadOnlySpan<byte> following)
    {
        int n = terminator >= 0xF0 ? 3 : terminator >= 0xE0 ? 2 : terminator >= 0xC0 ? 1 : 0;
        return n > 0 && following.Length >= n && following[..n].IndexOfAnyExceptInRange((byte)0x80, (byte)0xBF) < 0 ? following[..n].ToArray() : [];
    }
}
