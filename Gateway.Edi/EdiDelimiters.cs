using System.Buffers;

namespace Gateway.Edi;

/// <summary>The separator bytes of one interchange, read from its header.</summary>
/// <remarks>X12 takes them from the fixed-width ISA (element at byte 3, repetition ISA11 from
/// version 00402, component ISA16, terminator after ISA16); EDIFACT from UNA or the defaults.</remarks>
public sealed record EdiDelimiters
{
    /// <summary>Creates delimiters; <paramref name="repetition"/> and <paramref name="release"/> are optional.</summary>
    /// <exception cref="ArgumentException">Two delimiters are the same byte.</exception>
    public EdiDelimiters(byte element, byte component, byte segment, byte? repetition = null, byte? release = null)
    {
        Element = element;
        Component = component;
        Segment = segment;
        Repetition = repetition;
        Release = release;
        var all = new List<byte> { element, component, segment };
        if (repetition is byte r)
        {
            all.Add(r);
        }
        if (release is byte e)
        {
            all.Add(e);
        }
        if (all.Distinct().Count() != all.Count)
        {
            throw new ArgumentException($"Delimiters must differ: {Describe(all)}.");
        }
        Stops = SearchValues.Create([.. all.Where(b => b != component && b != repetition)]);
        byte[] suspicious = [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), 0x7F, .. Enumerable.Range(0x80, 0x80).Select(b => (byte)b), .. repetition is byte rep ? new[] { rep } : []];
        ValueAnomalies = SearchValues.Create([.. suspicious.Where(b => b != element && b != component)]);
        AllDelimiters = SearchValues.Create([.. all]);
        IncludesLetterDigitOrSpace = all.Any(b => char.IsAsciiLetterOrDigit((char)b) || b == ' ');
    }

    /// <summary>The X12 defaults used when we write: <c>*</c>, <c>:</c>, <c>~</c> and repetition <c>^</c>.</summary>
    public static EdiDelimiters X12Default { get; } = new((byte)'*', (byte)':', (byte)'~', (byte)'^');

    /// <summary>Control characters no EDI value contains: what documents built in memory are stored with.</summary>
    /// <remarks>The writer translates them to the partner's delimiters and refuses values that contain those.</remarks>
    public static EdiDelimiters Internal { get; } = new(0x1D, 0x1F, 0x1C, 0x1E);

    /// <summary>The data element separator.</summary>
    public byte Element { get; }

    /// <summary>The component (sub-element) separator.</summary>
    public byte Component { get; }

    /// <summary>The segment terminator.</summary>
    public byte Segment { get; }

    /// <summary>The repetition separator, when the version has one.</summary>
    public byte? Repetition { get; }

    /// <summary>The release (escape) character; EDIFACT only, X12 has none.</summary>
    public byte? Release { get; }

    /// <summary>The bytes that end an element token: element, segment and release.</summary>
    internal SearchValues<byte> Stops { get; }

    /// <summary>Bytes that need a closer look inside a segment's values: the repetition separator, control bytes
    /// and non-ASCII. The component separator is not among them: EDIFACT has composites everywhere.</summary>
    internal SearchValues<byte> ValueAnomalies { get; }

    /// <summary>Every delimiter byte, for refusing values that contain one.</summary>
    internal SearchValues<byte> AllDelimiters { get; }

    /// <summary>Whether a delimiter is a letter, digit or space, which tags, codes and numbers hold: what we write in
    /// answer to such a partner (TA1, 997/999, CONTRL) uses our own delimiters instead.</summary>
    internal bool IncludesLetterDigitOrSpace { get; }

    /// <summary>Whether <paramref name="value"/> is one of the delimiters.</summary>
    public bool IsDelimiter(byte value) => AllDelimiters.Contains(value);

    /// <summary>Delimiters are equal when their bytes are; the search sets derived from them do not count.</summary>
    public bool Equals(EdiDelimiters? other) =>
        other is not null && Element == other.Element && Component == other.Component && Segment == other.Segment
            && Repetition == other.Repetition && Release == other.Release;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Element, Component, Segment, Repetition, Release);

    internal static string Describe(byte value) =>
        value is >= 0x21 and < 0x7F ? $"'{(char)value}'" : $"0x{value:X2}";

    private static string Describe(IEnumerable<byte> values) => string.Join(", ", values.Select(Describe));
}
