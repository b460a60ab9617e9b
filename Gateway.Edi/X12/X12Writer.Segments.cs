using System.Text;

namespace Gateway.Edi.X12;

// Writing single segments: from values, or from a read segment (copied or re-delimited).
public sealed partial class X12Writer
{
    private byte[] _line = new byte[512];
    private int _length;

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
        _length = 0;
        AppendChecked(Encoding.UTF8.GetBytes(tag), tag, 0);
        for (int i = 0; i < last; i++)
        {
            Append(Delimiters.Element);
            if (tag == "ISA" && i is 10 or 15)
            {
                // ISA11 and ISA16 carry the repetition and component separators themselves, as raw bytes.
                Append(i == 15 ? Delimiters.Component : Delimiters.Repetition ?? (byte)'U');
                continue;
            }
            AppendChecked(Encoding.UTF8.GetBytes(elements[i] ?? ""), tag, i + 1);
        }
        Flush();
    }

    /// <summary>Writes a segment read or built elsewhere, translating its delimiters to this writer's.</summary>
    /// <exception cref="ArgumentException">A value contains one of this writer's delimiters.</exception>
    public void WriteSegment(Segment segment)
    {
        _length = 0;
        EdiDelimiters source = segment.Delimiters;
        if (source == Delimiters)
        {
            Append(segment.Text);
            Flush();
            return;
        }
        string tag = segment.Tag;
        AppendChecked(segment.TagSpan, tag, 0);
        for (int i = 1; i <= segment.ElementCount; i++)
        {
            Append(Delimiters.Element);
            if (tag == "ISA" && i is 11 or 16)
            {
                // The header carries the delimiters themselves: write ours.
                Append(i == 16 ? Delimiters.Component : Delimiters.Repetition ?? (byte)'U');
                continue;
            }
            AppendElement(segment.GetSpan(i), source, tag, i);
        }
        Flush();
    }

    private void AppendElement(ReadOnlySpan<byte> value, EdiDelimiters source, string tag, int position)
    {
        var repetitions = new EdiComponentReader(value, source.Repetition ?? source.Element);
        while (repetitions.Read())
        {
            if (repetitions.Index > 1)
            {
                Append(Delimiters.Repetition ?? throw Refuse(tag, position, "repeats, but these delimiters have no repetition separator"));
            }
            var components = new EdiComponentReader(repetitions.ValueSpan, source.Component);
            while (components.Read())
            {
                if (components.Index > 1)
                {
                    Append(Delimiters.Component);
                }
                AppendChecked(components.ValueSpan, tag, position);
            }
        }
    }

    private void AppendChecked(ReadOnlySpan<byte> value, string tag, int position)
    {
        int bad = value.IndexOfAny(Delimiters.AllDelimiters);
        if (bad >= 0)
        {
            throw Refuse(tag, position, $"value '{Encoding.UTF8.GetString(value)}' contains the delimiter {EdiDelimiters.Describe(value[bad])}; X12 has no escape character, so remove it from the value or write with other delimiters");
        }
        Append(value);
    }

    private static ArgumentException Refuse(string tag, int position, string problem) =>
        new($"{tag}{position:00} {problem}.");

    private void Append(byte b)
    {
        Ensure(1);
        _line[_length++] = b;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_line.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Ensure(int more)
    {
        if (_length + more + 1 + _suffix.Length > _line.Length)
        {
            Array.Resize(ref _line, Math.Max(_line.Length * 2, _length + more + 1 + _suffix.Length));
        }
    }

    private void Flush()
    {
        Append(Delimiters.Segment);
        Append(_suffix);
        _stream.Write(_line, 0, _length);
        _setSegments++;
    }
}
