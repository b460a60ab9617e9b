using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Gateway.Partners.Loading;

/// <summary>
/// Reads one YAML document into <see cref="YamlNode"/>s with their positions, reporting what YamlDotNet's
/// object model would throw on or silently accept: duplicate keys, anchors and aliases, several documents.
/// </summary>
internal static class YamlTreeReader
{
    /// <summary>Reads <paramref name="text"/>; null when it has no content or a syntax error was reported.</summary>
    public static YamlNode? Read(string text, ProfileErrorList errors)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return null;
            }
            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, errors);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var next))
            {
                errors.Add(Line(next.Start), Column(next.Start), "", "a profile is one YAML document; remove the '---' and everything after it, or move it to its own file");
            }
            return root;
        }
        catch (YamlException exception)
        {
            errors.Add(Line(exception.Start), Column(exception.Start), "", $"YAML syntax: {Describe(exception)}; check the indentation and quoting on this line or the one above");
            return null;
        }
    }

    private static YamlNode ReadNode(IParser parser, ProfileErrorList errors)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            errors.Add(Line(alias.Start), Column(alias.Start), "", $"aliases (*{alias.Value}) are not supported; write the value out in full");
            return new YamlScalar("", IsPlain: true, Line(alias.Start), Column(alias.Start));
        }
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            ReportAnchor(scalar, errors);
            return new YamlScalar(scalar.Value, scalar.Style == ScalarStyle.Plain, Line(scalar.Start), Column(scalar.Start));
        }
        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            ReportAnchor(sequenceStart, errors);
            var items = new List<YamlNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(parser, errors));
            }
            return new YamlSequence(items, Line(sequenceStart.Start), Column(sequenceStart.Start));
        }
        var mappingStart = parser.Consume<MappingStart>();
        ReportAnchor(mappingStart, errors);
        var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyNode = ReadNode(parser, errors);
            var value = ReadNode(parser, errors);
            if (keyNode is not YamlScalar key)
            {
                errors.Add(keyNode.Line, keyNode.Column, "", "a key must be a plain name");
                continue;
            }
            if (seen.TryGetValue(key.Value, out int firstLine))
            {
                errors.Add(key.Line, key.Column, "", $"'{key.Value}' is written twice (first on line {firstLine}); keep one");
                continue;
            }
            seen.Add(key.Value, key.Line);
            entries.Add(new(key, value));
        }
        return new YamlMapping(entries, Line(mappingStart.Start), Column(mappingStart.Start));
    }

    private static void ReportAnchor(NodeEvent node, ProfileErrorList errors)
    {
        if (!node.Anchor.IsEmpty)
        {
            errors.Add(Line(node.Start), Column(node.Start), "", $"anchors (&{node.Anchor.Value}) are not supported; write each value out in full");
        }
    }

    // YamlDotNet's messages repeat the position in parentheses; the error already carries it.
    private static string Describe(YamlException exception)
    {
        string message = exception.InnerException is YamlException inner ? inner.Message : exception.Message;
        int position = message.IndexOf("(Line:", StringComparison.Ordinal);
        return (position > 0 ? message[..position] : message).Trim().TrimEnd('.');
    }

    private static int Line(Mark mark) => (int)Math.Max(1, mark.Line);

    private static int Column(Mark mark) => (int)Math.Max(1, mark.Column);
}
