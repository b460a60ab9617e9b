using System.Text;
using Gateway.Tests.Support;

namespace Gateway.Tests.Adversarial;

/// <summary>
/// Damage aimed at X12 and EDIFACT: the byte-level <see cref="Mutations"/> plus segment-aware ones (duplicated, removed,
/// swapped segments; huge control counts; very long elements; a wrong UNA or ISA; other character sets; nested or
/// spliced interchanges). One to three are stacked on a valid sample.
/// </summary>
internal static class EdiDamage
{
    private static readonly string[] OddNumbers =
        ["999999999999999999999999999999", "2147483648", "-1", "0", "", " ", "1E9", "0x10", "١٢٣", "99999", "000000000", "+5", "1.5", "NaN", "9223372036854775808"];

    private static readonly string[] ControlTags = ["SE", "GE", "IEA", "ST", "GS", "ISA", "UNT", "UNZ", "UNE", "UNH", "UNB", "UNG", "CTT", "HL", "LIN", "QTY", "AK9", "AK2", "UCI", "UCM"];

    private static readonly byte[] ServiceCharacters = "*~:+'?.^|!\r\n \0\u00ff>AZ09-,_".Select(c => (byte)c).ToArray();

    private static readonly (string Name, Func<byte[], Random, IReadOnlyList<byte[]>, byte[]> Apply)[] Operations =
    [
        ("bytes", (data, random, _) => Mutations.Apply(data, random)),
        ("dup-segment", DuplicateSegment),
        ("drop-segment", (data, random, _) => EditSegments(data, random, (segments, i) => segments.RemoveAt(i))),
        ("swap-segments", (data, random, _) => EditSegments(data, random, (segments, i) => (segments[i], segments[^1]) = (segments[^1], segments[i]))),
        ("huge-count", HugeCount),
        ("long-element", LongElement),
        ("header", Header),
        ("charset", Charset),
        ("line-ends", LineEnds),
        ("release", (data, random, _) => Insert(data, random.Next(data.Length + 1), random.Next(3) == 0 ? "??"u8 : "?"u8)),
        ("splice", Splice),
        ("empty-elements", EmptyElements),
        ("tag", Tag),
        ("nested", Nested),
    ];

    /// <summary>A damaged copy of one of <paramref name="samples"/>.</summary>
    public static FuzzCase Generate(Random random, IReadOnlyList<byte[]> samples)
    {
        byte[] data = samples[random.Next(samples.Count)];
        var names = new List<string>();
        for (int steps = random.Next(1, 4); steps > 0 && data.Length > 0; steps--)
        {
            var (name, apply) = Operations[random.Next(Operations.Length)];
            names.Add(name);
            data = apply(data, random, samples);
            if (data.Length > FuzzSettings.MaxInputBytes)
            {
                data = data[..FuzzSettings.MaxInputBytes];
            }
        }
        return new FuzzCase(string.Join('+', names), data);
    }

    /// <summary>The segment terminator the header declares (ISA16's neighbour, UNA's sixth), else the usual one.</summary>
    public static byte Terminator(byte[] data)
    {
        int isa = data.AsSpan().IndexOf("ISA"u8);
        int una = data.AsSpan().IndexOf("UNA"u8);
        return una >= 0 && una + 8 < data.Length && (isa < 0 || una < isa) ? data[una + 8]
            : isa >= 0 && isa + 105 < data.Length ? data[isa + 105]
            : data.AsSpan().IndexOf("UNB"u8) >= 0 ? (byte)'\'' : (byte)'~';
    }

    private static byte Separator(byte[] data)
    {
        int isa = data.AsSpan().IndexOf("ISA"u8);
        int una = data.AsSpan().IndexOf("UNA"u8);
        return una >= 0 && una + 4 < data.Length && (isa < 0 || una < isa) ? data[una + 4]
            : isa >= 0 && isa + 3 < data.Length ? data[isa + 3]
            : (byte)'+';
    }

    private static List<byte[]> Segments(byte[] data)
    {
        byte terminator = Terminator(data);
        var segments = new List<byte[]>();
        int start = 0;
        for (int i = 0; i < data.Length; i++)
        {
            if (data[i] == terminator)
            {
                int end = i + 1;
                while (end < data.Length && data[end] is (byte)'\r' or (byte)'\n')
                {
                    end++;
                }
                segments.Add(data[start..end]);
                start = end;
                i = end - 1;
            }
        }
        if (start < data.Length)
        {
            segments.Add(data[start..]);
        }
        return segments;
    }

    private static byte[] Join(List<byte[]> segments) => segments.SelectMany(s => s).ToArray();

    private static byte[] EditSegments(byte[] data, Random random, Action<List<byte[]>, int> edit)
    {
        var segments = Segments(data);
        if (segments.Count == 0)
        {
            return data;
        }
        edit(segments, random.Next(segments.Count));
        return Join(segments);
    }

    // Once, a few times, or enough to pass a loop's or a segment's maximum use.
    private static byte[] DuplicateSegment(byte[] data, Random random, IReadOnlyList<byte[]> samples) => EditSegments(data, random, (segments, i) =>
    {
        int times = random.Next(4) switch { 0 => 1, 1 => random.Next(2, 10), 2 => random.Next(10, 300), _ => random.Next(300, 3000) };
        var copy = segments[i];
        int room = Math.Max(0, (FuzzSettings.MaxInputBytes - segments.Sum(s => s.Length)) / Math.Max(1, copy.Length));
        segments.InsertRange(i, Enumerable.Repeat(copy, Math.Min(times, room)));
    });

    private static byte[] HugeCount(byte[] data, Random random, IReadOnlyList<byte[]> samples) => ReplaceElement(data, random, preferControl: true, _ => OddNumbers[random.Next(OddNumbers.Length)]);

    private static byte[] LongElement(byte[] data, Random random, IReadOnlyList<byte[]> samples) =>
        ReplaceElement(data, random, preferControl: random.Next(2) == 0, _ => new string("A9 ?:"[random.Next(5)], random.Next(4) switch { 0 => 256, 1 => 1_000, 2 => 8_000, _ => 60_000 }));

    private static byte[] ReplaceElement(byte[] data, Random random, bool preferControl, Func<string, string> value)
    {
        var segments = Segments(data);
        if (segments.Count == 0)
        {
            return data;
        }
        byte separator = Separator(data);
        var candidates = preferControl
            ? segments.Select((s, i) => (s, i)).Where(p => ControlTags.Any(t => p.s.AsSpan().TrimStart("\r\n"u8).StartsWith(Encoding.ASCII.GetBytes(t + (char)separator)))).Select(p => p.i).ToList()
            : [];
        int index = candidates.Count > 0 ? candidates[random.Next(candidates.Count)] : random.Next(segments.Count);
        byte[] segment = segments[index];
        var stops = segment.Select((b, i) => (b, i)).Where(p => p.b == separator).Select(p => p.i).ToList();
        if (stops.Count == 0)
        {
            return data;
        }
        int at = stops[random.Next(stops.Count)] + 1;
        int end = at;
        while (end < segment.Length && segment[end] != separator && segment[end] != Terminator(data) && segment[end] is not ((byte)'\r' or (byte)'\n'))
        {
            end++;
        }
        string old = Encoding.Latin1.GetString(segment[at..end]);
        segments[index] = [.. segment[..at], .. Encoding.UTF8.GetBytes(value(old)), .. segment[end..]];
        return Join(segments);
    }

    // The delimiters a header declares: UNA's six service characters, ISA's fixed width (3, 82, 104, 105).
    private static byte[] Header(byte[] data, Random random, IReadOnlyList<byte[]> samples)
    {
        byte[] copy = (byte[])data.Clone();
        int una = copy.AsSpan().IndexOf("UNA"u8);
        int isa = copy.AsSpan().IndexOf("ISA"u8);
        switch (random.Next(5))
        {
            case 0 when una >= 0 && una + 9 <= copy.Length:
                for (int i = una + 3; i < una + 9; i++)
                {
                    if (random.Next(2) == 0)
                    {
                        copy[i] = ServiceCharacters[random.Next(ServiceCharacters.Length)];
                    }
                }
                return copy;
            case 1 when una >= 0:
                return [.. copy[..una], .. copy[Math.Min(copy.Length, una + 9)..]];
            case 2:
                string una2 = "UNA" + new string(Enumerable.Range(0, random.Next(0, 9)).Select(_ => (char)ServiceCharacters[random.Next(ServiceCharacters.Length)]).ToArray());
                return Insert(copy, una >= 0 ? una : 0, Encoding.Latin1.GetBytes(una2));
            case 3 when isa >= 0 && isa + 106 <= copy.Length:
                int[] positions = [3, 82, 104, 105, random.Next(106)];
                copy[isa + positions[random.Next(positions.Length)]] = ServiceCharacters[random.Next(ServiceCharacters.Length)];
                return copy;
            case 4 when isa >= 0 && isa + 106 <= copy.Length:
                int at = isa + random.Next(4, 106);
                return random.Next(2) == 0 ? [.. copy[..at], .. copy[(at + 1)..]] : Insert(copy, at, " "u8);
            default:
                return Mutations.Apply(copy, random);
        }
    }

    private static byte[] Charset(byte[] data, Random random, IReadOnlyList<byte[]> samples)
    {
        int at = random.Next(data.Length + 1);
        return random.Next(8) switch
        {
            0 => Insert(data, at, Enumerable.Range(0, random.Next(1, 20)).Select(_ => (byte)random.Next(0x80, 0x100)).ToArray()),
            1 => Insert(data, at, "Ünïcödé € 漢字 🚚"u8),
            2 => Insert(data, at, [0xC3]),
            3 => Insert(data, at, [0, 0, 1, 0x1B, 0x7F]),
            4 => [0xEF, 0xBB, 0xBF, .. data],
            5 => data.Length <= FuzzSettings.MaxInputBytes / 2 ? Encoding.Unicode.GetBytes(Encoding.Latin1.GetString(data)) : data,
            6 => Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(data).Replace("UNOA", "UNO" + (char)random.Next('A', 'Z' + 1), StringComparison.Ordinal).Replace("UNOC", random.Next(2) == 0 ? "UNOW" : "XXXX", StringComparison.Ordinal).Replace("*U*", "*\u00e9*", StringComparison.Ordinal)),
            _ => Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(data).ToLowerInvariant()),
        };
    }

    private static byte[] LineEnds(byte[] data, Random random, IReadOnlyList<byte[]> samples)
    {
        byte[] end = random.Next(4) switch { 0 => "\r\n"u8.ToArray(), 1 => "\r"u8.ToArray(), 2 => "\n"u8.ToArray(), _ => "\n\n\r\r\n"u8.ToArray() };
        return random.Next(2) == 0
            ? Join(Segments(data).Select(s => (byte[])[.. s, .. end]).ToList())
            : Insert(data, random.Next(data.Length + 1), end);
    }

    // Two interchanges in one file, junk before the header (around the detector's 4 KiB), junk after the trailer.
    private static byte[] Splice(byte[] data, Random random, IReadOnlyList<byte[]> samples)
    {
        byte[] other = samples[random.Next(samples.Count)];
        byte[] junk = Enumerable.Range(0, random.Next(3) switch { 0 => random.Next(1, 100), 1 => random.Next(4090, 4100), _ => random.Next(4100, 6000) })
            .Select(_ => (byte)"X \r\nABCDEFGHIJ0123456789*~+'"[random.Next(27)]).ToArray();
        return random.Next(4) switch
        {
            0 => [.. data, .. other],
            1 => [.. junk, .. data],
            2 => [.. data, .. junk],
            _ => [.. data[..random.Next(data.Length + 1)], .. other],
        };
    }

    private static byte[] EmptyElements(byte[] data, Random random, IReadOnlyList<byte[]> samples) => EditSegments(data, random, (segments, i) =>
    {
        byte separator = Separator(data);
        byte[] segment = segments[i];
        int first = Array.IndexOf(segment, separator);
        if (first < 0)
        {
            return;
        }
        byte terminator = Terminator(data);
        int end = Array.IndexOf(segment, terminator);
        byte[] tail = end < 0 ? [] : segment[end..];
        segments[i] = random.Next(2) == 0
            ? [.. segment[..first], .. tail]
            : [.. segment[..first], .. Enumerable.Repeat(separator, random.Next(1, 40)), .. tail];
    });

    private static byte[] Tag(byte[] data, Random random, IReadOnlyList<byte[]> samples) => EditSegments(data, random, (segments, i) =>
    {
        string[] tags = ["ISA", "IEA", "GS", "GE", "ST", "SE", "UNA", "UNB", "UNZ", "UNG", "UNE", "UNH", "UNT", "TA1", "ISB", "ise", "XYZ", "", "A", "ISAISA", "U N", "12"];
        byte separator = Separator(data);
        byte[] segment = segments[i];
        int lead = 0;
        while (lead < segment.Length && segment[lead] is (byte)'\r' or (byte)'\n')
        {
            lead++;
        }
        int first = Array.IndexOf(segment, separator, lead);
        int cut = first < 0 ? segment.Length : first;
        segments[i] = [.. segment[..lead], .. Encoding.ASCII.GetBytes(tags[random.Next(tags.Length)]), .. segment[cut..]];
    });

    // An envelope header in the middle of another envelope, or a trailer removed.
    private static byte[] Nested(byte[] data, Random random, IReadOnlyList<byte[]> samples)
    {
        var segments = Segments(data);
        if (segments.Count < 2)
        {
            return data;
        }
        int at = random.Next(1, segments.Count);
        if (random.Next(2) == 0)
        {
            var headers = segments.Take(Math.Min(3, segments.Count)).ToList();
            segments.InsertRange(at, headers.Take(random.Next(1, headers.Count + 1)));
        }
        else
        {
            int trailers = Math.Min(segments.Count - 1, random.Next(1, 4));
            segments.RemoveRange(segments.Count - trailers, trailers);
        }
        return Join(segments);
    }

    private static byte[] Insert(byte[] data, int at, ReadOnlySpan<byte> bytes) => [.. data.AsSpan(0, at), .. bytes, .. data.AsSpan(at)];
}
