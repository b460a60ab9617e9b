using Gateway.Maps.JmesPath;

namespace Gateway.Maps.Expressions;

/// <summary>One JMESPath expression of a map, parsed once, with the text and line it came from for error messages.</summary>
internal sealed class MapExpression
{
    private readonly JmesPathNode _parsed;

    private MapExpression(string text, int line, JmesPathNode parsed)
    {
        Text = text;
        Line = line;
        _parsed = parsed;
    }

    public string Text { get; }

    public int Line { get; }

    /// <summary>Parses <paramref name="text"/>; the error, in JMESPath's words, when it is not a valid expression or calls an unknown function.</summary>
    public static MapExpression? Compile(IReadOnlyDictionary<string, JmesPathFunction> functions, string text, int line, out string? error)
    {
        try
        {
            error = null;
            return new MapExpression(text, line, JmesPathParser.Parse(text, functions));
        }
        catch (JmesPathException exception)
        {
            error = exception.Message;
            return null;
        }
    }

    /// <summary>The expression's value on <paramref name="input"/> (see <see cref="JmesPathValues"/> for what values are).</summary>
    /// <exception cref="MapEvaluationException">A function was given a value it cannot take, or failed on it.</exception>
    public object? Evaluate(object? input)
    {
        try
        {
            return _parsed.Evaluate(input, new JmesPathContext(input, null));
        }
        catch (JmesPathException exception)
        {
            throw new MapEvaluationException(exception.Message, exception);
        }
        catch (Exception exception) when (exception is not (MapEvaluationException or OutOfMemoryException))
        {
            // A .NET failure on the partner's data (a number too large, a date format the map got wrong) fails this document, not the gateway.
            throw new MapEvaluationException(exception.Message, exception);
        }
    }

    /// <summary>The field names the expression reads (identifiers) and the keys it writes (multi-select hash keys).</summary>
    public (IReadOnlyCollection<string> Reads, IReadOnlyCollection<string> Writes) Names()
    {
        var reads = new HashSet<string>(StringComparer.Ordinal);
        var writes = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<JmesPathNode>([_parsed]);
        while (pending.TryPop(out var node))
        {
            if (node is FieldNode field)
            {
                reads.Add(field.Name);
            }
            else if (node is HashNode hash)
            {
                writes.UnionWith(hash.Keys);
            }
            foreach (var child in node.Children)
            {
                pending.Push(child);
            }
        }
        return (reads, writes);
    }
}
