using System.Text;
using Gateway.Tests.Support;

namespace Gateway.Tests.Adversarial;

/// <summary>
/// Damage aimed at YAML partner profiles: wrong types, anchors and alias bombs, deep nesting, tabs, unknown and
/// duplicate keys, unclosed quotes and brackets, other documents and directives, plus the byte-level <see cref="Mutations"/>.
/// </summary>
internal static class ProfileDamage
{
    private static readonly string[] Values =
    [
        "[a, b]", "{ x: 1 }", "~", "null", "", "\"unterminated", "'", "yes", "-1", "99999999999999999999999999", "1e400", "0x1F", ".nan", "!!binary AAAA",
        "!python/object:os.system ls", "*undefined", "&anchor value", "|", ">-", "\"\\u0000\"", "\"\\uD800\"", "\t", "<<: *x", "? complex", "- item", "%", "@", "`",
        "\"" + new string('x', 70_000) + "\"", new string('[', 5_000), "{a: {b: {c: {d: [[[[[[]]]]]]}}}}",
    ];

    private static readonly (string Name, Func<string, Random, string> Apply)[] Operations =
    [
        ("bytes", (text, random) => Encoding.UTF8.GetString(Mutations.Apply(Encoding.UTF8.GetBytes(text), random))),
        ("value", Value),
        ("key", (text, random) => EditLine(text, random, line => line.Replace(":", random.Next(2) == 0 ? "x:" : "", StringComparison.Ordinal))),
        ("unknown-key", (text, random) => InsertLine(text, random, "unknownField" + random.Next(100) + ": 1")),
        ("duplicate-line", (text, random) => EditLine(text, random, line => line + "\n" + line)),
        ("drop-line", (text, random) => EditLine(text, random, _ => "")),
        ("tab", (text, random) => EditLine(text, random, line => "\t" + line.TrimStart())),
        ("indent", (text, random) => EditLine(text, random, line => new string(' ', random.Next(0, 9)) + line.TrimStart())),
        ("deep-nesting", DeepNesting),
        ("alias-bomb", AliasBomb),
        ("document", (text, random) => random.Next(3) switch { 0 => "%YAML 1.2\n---\n" + text, 1 => text + "\n---\n" + text, _ => "--- !tag\n" + text + "\n...\n" }),
        ("line-ends", (text, random) => random.Next(2) == 0 ? text.Replace("\n", "\r\n", StringComparison.Ordinal) : text.Replace("\n", "\r", StringComparison.Ordinal)),
        ("long-line", (text, random) => InsertLine(text, random, "name: " + new string('n', random.Next(2) == 0 ? 5_000 : 60_000))),
        ("unicode", (text, random) => InsertLine(text, random, random.Next(3) switch { 0 => "name: \u202e\u0000\ufeff\ud83d\ude9a", 1 => "n\u00e4me: x", _ => "\u00a0id: x" })),
    ];

    public static FuzzCase Generate(Random random, IReadOnlyList<string> samples)
    {
        string text = samples[random.Next(samples.Count)];
        var names = new List<string>();
        for (int steps = random.Next(1, 4); steps > 0; steps--)
        {
            var (name, apply) = Operations[random.Next(Operations.Length)];
            names.Add(name);
            text = apply(text, random);
        }
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        return new FuzzCase(string.Join('+', names), bytes.Length > FuzzSettings.MaxInputBytes ? bytes[..FuzzSettings.MaxInputBytes] : bytes);
    }

    private static string Value(string text, Random random) => EditLine(text, random, line =>
    {
        int colon = line.IndexOf(':', StringComparison.Ordinal);
        string value = Values[random.Next(Values.Length)];
        return colon < 0 ? line + " " + value : line[..(colon + 1)] + " " + value;
    });

    // Mappings or flow lists nested thousands deep.
    private static string DeepNesting(string text, Random random)
    {
        int depth = random.Next(2) == 0 ? random.Next(50, 500) : random.Next(1_000, 10_000);
        return random.Next(3) switch
        {
            0 => text + "envelope:\n" + string.Concat(Enumerable.Range(1, Math.Min(depth, 300)).Select(i => new string(' ', i) + "k:\n")),
            1 => text + "extra: " + new string('[', depth) + new string(']', depth) + "\n",
            _ => text + "extra: " + string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth) + "\n",
        };
    }

    // Billion laughs: each level repeats the one before ten times.
    private static string AliasBomb(string text, Random random)
    {
        var bomb = new StringBuilder("a0: &a0 [\"lol\"]\n");
        int levels = random.Next(3, 10);
        for (int i = 1; i <= levels; i++)
        {
            bomb.Append('a').Append(i).Append(": &a").Append(i).Append(" [").Append(string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))).Append("]\n");
        }
        return random.Next(2) == 0 ? bomb + text : text + bomb + "name: *a" + levels + "\n";
    }

    private static string EditLine(string text, Random random, Func<string, string> edit)
    {
        string[] lines = text.Split('\n');
        int at = random.Next(lines.Length);
        lines[at] = edit(lines[at]);
        return string.Join('\n', lines);
    }

    private static string InsertLine(string text, Random random, string line)
    {
        var lines = text.Split('\n').ToList();
        int at = random.Next(lines.Count + 1);
        string indent = at < lines.Count ? new string(' ', lines[at].Length - lines[at].TrimStart().Length) : "";
        lines.Insert(at, indent + line);
        return string.Join('\n', lines);
    }
}
