using Gateway.Edi.Validation;

namespace Gateway.Edi.Edifact;

// The interchange header: an optional UNA (service string advice), then UNB, whose syntax identifier and
// version settle the character set and, in syntax 4, the default repetition separator.
public sealed partial class EdifactReader
{
    private const int UnaLength = 9;

    private bool StartInterchange()
    {
        if (!_scanner.SkipToHeader(FindHeader, out long junkStart))
        {
            return NoMoreInterchanges(junkStart);
        }
        if (_scanner.Position > junkStart)
        {
            Report(EdiIssueCode.JunkIgnored, $"Skipped {_scanner.Position - junkStart} bytes that are not EDIFACT before the interchange", junkStart, severity: EdiSeverity.Warning);
        }
        ReadHeader();
        _anyInterchange = true;
        return true;
    }

    private bool NoMoreInterchanges(long junkStart)
    {
        long junk = _scanner.BufferedEnd - junkStart;
        if (!_anyInterchange)
        {
            EdiThrow.Format(junk == 0
                ? "The file is empty; there is no EDIFACT interchange in it"
                : "No UNA or UNB found: this file is not EDIFACT (an interchange starts with \"UNA\" or \"UNB\"). Check that the partner sent the right file", junkStart, 0);
        }
        if (junk > 0 && !_scanner.OnlyPaddingSince(junkStart))
        {
            Report(EdiIssueCode.JunkIgnored, $"Skipped {junk} bytes that are not EDIFACT after the last UNZ", junkStart, severity: EdiSeverity.Warning);
        }
        _scanner.SkipToEnd();
        return false;
    }

    // "UNA" followed by its six characters, or "UNB" followed by a separator.
    private static int FindHeader(ReadOnlySpan<byte> data)
    {
        int from = 0;
        while (true)
        {
            int i = data[from..].IndexOf("UN"u8);
            if (i < 0 || from + i + 3 >= data.Length)
            {
                return -1;
            }
            int at = from + i;
            if (data[at + 2] is (byte)'A' or (byte)'B' && !char.IsAsciiLetterOrDigit((char)data[at + 3]))
            {
                return at;
            }
            from = at + 1;
        }
    }

    private void ReadHeader()
    {
        _scanner.Ensure(UnaLength + 2);
        long position = _scanner.Position;
        ReadOnlySpan<byte> head = _scanner.Available;
        bool hasUna = head.StartsWith("UNA"u8);
        byte decimalMark = hasUna && head.Length > 5 ? head[5] : (byte)'.';
        EdiDelimiters delimiters;
        if (hasUna)
        {
            _scanner.FileSegmentIndex++;
            if (head.Length < UnaLength)
            {
                EdiThrow.Format("The UNA is cut short; it needs its six service characters. Ask the partner to resend the whole file", position, _scanner.FileSegmentIndex);
            }
            delimiters = FromUna(head[3..UnaLength], position);
            _scanner.Advance(UnaLength);
        }
        else
        {
            delimiters = new EdiDelimiters((byte)'+', (byte)':', (byte)'\'', release: (byte)'?');
        }
        _scanner.Delimiters = delimiters;
        _scanner.TerminatorTail = [];
        _scanner.StartInterchange();
        _envelopeBuilder = new SegmentListBuilder(delimiters, 256);
        if (!_scanner.TryReadSegment(out EdiRawSegment unb) || SegmentTags.Key(unb.Element(0)) != UnbKey)
        {
            EdiThrow.Format($"The interchange does not start with UNB{(hasUna ? " after its UNA" : "")}; the UNA's terminator may be wrong, or this is not EDIFACT", _scanner.Position, _scanner.FileSegmentIndex);
        }
        Segment header = Keep(unb);
        IReadOnlyList<string> syntax = header.GetComponents(1);
        string identifier = syntax[0];
        // Without UNA, syntax 4 repeats data elements with '*'.
        if (!hasUna && syntax.Count > 1 && syntax[1] == "4")
        {
            delimiters = new EdiDelimiters(delimiters.Element, delimiters.Component, delimiters.Segment, (byte)'*', delimiters.Release);
            _scanner.Delimiters = delimiters;
        }
        var encoding = EdifactCharacterSets.EncodingOf(identifier);
        _envelopeBuilder = new SegmentListBuilder(delimiters, 256, encoding);
        _messageBuilder = null;
        Interchange = new EdifactInterchange(Keep(unb), delimiters, hasUna, encoding, decimalMark);
        Group = null;
    }

    // UNA: component, element, decimal mark, release, repetition (a space in syntax 3: none), terminator.
    private EdiDelimiters FromUna(ReadOnlySpan<byte> advice, long position)
    {
        byte component = advice[0], element = advice[1], release = advice[3], repetition = advice[4], terminator = advice[5];
        try
        {
            return new EdiDelimiters(element, component, terminator, repetition == (byte)' ' ? null : repetition, release == (byte)' ' ? null : release);
        }
        catch (ArgumentException e)
        {
            EdiThrow.Format($"The UNA service characters cannot be told apart ({e.Message}); the partner's UNA is wrong", position + 3, _scanner.FileSegmentIndex);
            throw;
        }
    }
}
