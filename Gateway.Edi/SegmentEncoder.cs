using System.Text;

namespace Gateway.Edi;

/// <summary>Builds one segment's bytes for a writer: values, re-delimited segments, and what to do with a value
/// that holds a delimiter (X12 refuses it, having no escape; EDIFACT frees it with the release character).</summary>
internal sealed class SegmentEncoder(EdiDelimiters delimiters, Encoding encoding, string segmentSuffix)
{
    private readonly byte[] _suffix = Encoding.ASCII.GetBytes(segmentSuffix);
    private byte[] _line = new byte[512];
    private int _length;

    public EdiDelimiters Delimiters { get; } = delimiters;

    public Encoding Encoding { get; } = encoding;

    /// <summary>Starts a segment with its tag.</summary>
    public void Begin(string tag)
    {
        _length = 0;
        AppendValue(Encoding.GetBytes(tag), tag, 0);
    }

    /// <summary>Appends one byte as it is (a separator).</summary>
    public void Append(byte b)
    {
        Ensure(1);
        _line[_length++] = b;
    }

    /// <summary>Appends bytes as they are.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_line.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Appends a value, escaping or refusing the delimiters in it.</summary>
    /// <exception cref="ArgumentException">The value holds a delimiter and there is no release character.</exception>
    public void AppendValue(ReadOnlySpan<byte> value, string tag, int position)
    {
        if (Delimiters.Release is not byte release)
        {
            int bad = value.IndexOfAny(Delimiters.AllDelimiters);
            if (bad >= 0)
            {
                throw new ArgumentException($"{tag}{position:00} value '{Encoding.GetString(value)}' contains the delimiter {EdiDelimiters.Describe(value[bad])}; X12 has no escape character, so remove it from the value or write with other delimiters.");
            }
            Append(value);
            return;
        }
        foreach (byte b in value)
        {
            if (Delimiters.IsDelimiter(b))
            {
                Append(release);
            }
            Append(b);
        }
    }

    /// <summary>Appends an element stored with <paramref name="source"/> delimiters and encoding, re-delimited and
    /// re-encoded for these; <paramref name="sourceEscaped"/> says whether the stored text uses release characters.</summary>
    public void AppendElement(ReadOnlySpan<byte> value, EdiDelimiters source, Encoding sourceEncoding, bool sourceEscaped, string tag, int position)
    {
        byte? sourceRelease = sourceEscaped ? source.Release : null;
        if (source.Repetition is not byte repetition)
        {
            // Without a repetition separator the whole value is one occurrence, whatever bytes it holds.
            AppendOccurrence(value, source, sourceEncoding, sourceRelease, tag, position);
            return;
        }
        var repetitions = new EdiComponentReader(value, repetition, sourceRelease);
        while (repetitions.Read())
        {
            if (repetitions.Index > 1)
            {
                Append(Delimiters.Repetition ?? throw new ArgumentException($"{tag}{position:00} repeats, but these delimiters have no repetition separator."));
            }
            AppendOccurrence(repetitions.ValueSpan, source, sourceEncoding, sourceRelease, tag, position);
        }
    }

    private void AppendOccurrence(ReadOnlySpan<byte> occurrence, EdiDelimiters source, Encoding sourceEncoding, byte? sourceRelease, string tag, int position)
    {
        var components = new EdiComponentReader(occurrence, source.Component, sourceRelease);
        while (components.Read())
        {
            if (components.Index > 1)
            {
                Append(Delimiters.Component);
            }
            ReadOnlySpan<byte> part = EdiRelease.Unescape(components.ValueSpan, sourceRelease);
            AppendValue(sourceEncoding.Equals(Encoding) ? part : Encoding.GetBytes(sourceEncoding.GetString(part)), tag, position);
        }
    }

    /// <summary>Ends the segment and writes it with its terminator and suffix.</summary>
    public void Flush(Stream stream)
    {
        Append(Delimiters.Segment);
        Append(_suffix);
        stream.Write(_line, 0, _length);
    }
    private void Ensure(int more)
    {
        if (_length + more + 1 + _suffix.Length > _line.Length)
        {
            Array.Resize(ref _line, Math.Max(_line.Length * 2, _length + more + 1 + _suffix.Length));
        }
    }
}
