using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Gateway.Yaml;

/// <summary>Receives a problem found while reading: 1-based line and column, and what to do about it.</summary>
internal delegate void YamlErrorSink(int line, int column, string message);

/// <summary>
/// Reads one YAML document into <see cref="YamlNode"/>s with their positions, reporting what YamlDotNet's
/// object model would throw on or silently accept: duplicate keys, anchors and aliases, several documents.
/// </summary>
internal static class YamlTreeReader
{
    /// <summary>The deepest nesting read; a profile needs about 6 levels, a map about 12.</summary>
    public const int MaxDepth = 64;

    /// <summary>Reads <paramref name="text"/>; null when it has no content or a syntax error was reported.</summary>
    public static YamlNode? Read(string text, YamlErrorSink errors)
    {
        if (FindTabIndentation(text) is int tabLine)
        {
            // YamlDotNet reports a tab at the start of the enclosing mapping; point at the tab itself.
            errors(tabLine, 1, "a tab in the indentation; YAML indents with spaces only, so replace the tab with spaces");
            return null;
        }
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return null;
            }
            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, errors, depth: 0);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var next))
            {
                errors(Line(next.Start), Column(next.Start), "the file holds one YAML document; remove the '---' and everything after it, or move it to its own file");
            }
            return root;
        }
        catch (YamlException exception)
        {
            errors(Line(exception.Start), Column(exception.Start), $"YAML syntax: {Describe(exception)}; check the indentation and quoting on this line or the one above");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, on some unclosed flow collections.
            var at = parser.Current?.End ?? Mark.Empty;
            int line = FindUnclosedFlow(text, Line(at)) ?? Line(at);
            errors(line, 1, "YAML syntax: an unclosed [ or { on this line; close it on the same line or write the list or mapping in block style");
            return null;
        }
    }

    private static int? FindUnclosedFlow(string text, int fromLine)
    {
        string[] lines = text.Split('\n');
        for (int i = fromLine - 1; i < lines.Length; i++)
        {
            int depth = 0;
            char quote = '\0';
            foreach (char c in lines[i])
            {
                if (quote != '\0')
                {
                    quote = c == quote ? '\0' : quote;
                }
                else if (c is '"' or '\'')
                {
                    quote = c;
                }
                else if (c == '#')
                {
                    break;
                }
                else
                {
                    depth += c is '[' or '{' ? 1 : c is ']' or '}' ? -1 : 0;
                }
            }
            if (depth > 0)
            {
                return i + 1;
            }
        }
        return null;
    }

    private static int? FindTabIndentation(string text)
    {
        int line = 1;
        bool inIndentation = true;
        foreach (char c in text)
        {
            if (c == '\n')
            {
                line++;
                inIndentation = true;
            }
            else if (inIndentation && c == '\t')
            {
                return line;
            }
            else if (c != ' ')
            {
                inIndentation = false;
            }
        }
        return null;
    }

    private static YamlNode ReadNode(IParser parser, YamlErrorSink errors, int depth)
    {
        if (depth > MaxDepth && parser.Current is { } deep)
        {
            // Stops before the parser scans the rest: thousands of nested brackets cost hundreds of milliseconds.
            throw new YamlException(deep.Start, deep.End, $"nested more than {MaxDepth} levels deep, which no profile or map needs");
        }
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            errors(Line(alias.Start), Column(alias.Start), $"aliases (*{alias.Value}) are not supported; write the value out in full");
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
                items.Add(ReadNode(parser, errors, depth + 1));
            }
            return new YamlSequence(items, Line(sequenceStart.Start), Column(sequenceStart.Start));
        }
        var mappingStart = parser.Consume<MappingStart>();
        ReportAnchor(mappingStart, errors);
        var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyNode = ReadNode(parser, errors, depth + 1);
            var value = ReadNode(parser, errors, depth + 1);
            if (keyNode is not YamlScalar key)
            {
                errors(keyNode.Line, keyNode.Column, "a key must be a plain name");
                continue;
            }
            if (seen.TryGetValue(key.Value, out int firstLine))
            {
                errors(key.Line, key.Column, $"'{key.Value}' is written twice (first on line {firstLine}); keep one");
                continue;
            }
            seen.Add(key.Value, key.Line);
            entries.Add(new(key, value));
        }
        return new YamlMapping(entries, Line(mappingStart.Start), Column(mappingStart.Start));
    }

    private static void ReportAnchor(NodeEvent node, YamlErrorSink errors)
    {
        if (!node.Anchor.IsEmpty)
        {
            errors(Line(node.Start), Column(node.Start), $"anchors (&{node.Anchor.Value}) are not supported; write each value out in full");
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
