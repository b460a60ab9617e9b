using System.Text;

namespace Gateway.Edi.X12;

// Writing single segments: from values, or from a read segment (copied or re-delimited).
public sealed partial class X12Writer
{
    /// <summary>Writes a segment from its tag and element values; trailing empty elements are dropped.</summary>
    /// <exception cref="ArgumentException">A value contains a delimiter.</exception>
    public void WriteSegment(string tag, params ReadOnlySpan<string?> elements)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        int last = elements.Length;
        while (last > 0 && string.IsNullOrEmpty(elements[last - 1]))
        {
            last--;
        }
        _encoder.Begin(tag);
        for (int i = 0; i < last; i++)
        {
            _encoder.Append(Delimiters.Element);
            if (tag == "ISA" && i is 10 or 15)
            {
                // ISA11 and ISA16 carry the repetition and component separators themselves, as raw bytes.
                _encoder.Append(i == 15 ? Delimiters.Component : Delimiters.Repetition ?? (byte)'U');
                continue;
            }
            _encoder.AppendValue(Encoding.UTF8.GetBytes(elements[i] ?? ""), tag, i + 1);
        }
        Flush();
    }

    /// <summary>Writes a segment read or built elsewhere, translating its delimiters to this writer's.</summary>
    /// <exception cref="ArgumentException">A value contains one of this writer's delimiters.</exception>
    public void WriteSegment(Segment segment)
    {
        EdiDelimiters source = segment.Delimiters;
        if (source == Delimiters && segment.WasRead)
        {
            _encoder.Begin(segment.Tag);
            _encoder.Append(segment.Text[segment.TagSpan.Length..]);
            Flush();
            return;
        }
        string tag = segment.Tag;
        _encoder.Begin(tag);
        for (int i = 1; i <= segment.ElementCount; i++)
        {
            _encoder.Append(Delimiters.Element);
            if (tag == "ISA" && i is 11 or 16)
            {
                // The header carries the delimiters themselves: write ours.
                _encoder.Append(i == 16 ? Delimiters.Component : Delimiters.Repetition ?? (byte)'U');
                continue;
            }
            _encoder.AppendElement(segment.GetSpan(i), source, segment.Encoding, sourceEscaped: segment.WasRead, tag, i);
        }
        Flush();
    }

    private void Flush()
    {
        _encoder.Flush(_stream);
        _setSegments++;
    }
}
