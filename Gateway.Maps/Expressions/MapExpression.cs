using DevLab.JmesPath;
using DevLab.JmesPath.Expressions;
using DevLab.JmesPath.Interop;
using Newtonsoft.Json.Linq;

namespace Gateway.Maps.Expressions;

/// <summary>One JMESPath expression of a map, compiled once, with the text and line it came from for error messages.</summary>
internal sealed class MapExpression
{
    private readonly JmesPathExpression _compiled;

    private MapExpression(string text, int line, JmesPathExpression compiled)
    {
        Text = text;
        Line = line;
        _compiled = compiled;
    }

    public string Text { get; }

    public int Line { get; }

    /// <summary>Compiles <paramref name="text"/>; the error, in JMESPath's words, when it is not a valid expression or calls an unknown function.</summary>
    public static MapExpression? Compile(JmesPath engine, string text, int line, out string? error)
    {
        try
        {
            error = null;
            return new MapExpression(text, line, engine.Parse(text));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // JmesPath.Net reports every syntax and arity problem as a plain Exception.
            error = exception.Message.Replace("Error: ", "", StringComparison.Ordinal);
            return null;
        }
    }

    public JToken Evaluate(JToken input)
    {
        try
        {
            return _compiled.Transform(new JmesPathArgument(input)).AsJToken() ?? JValue.CreateNull();
        }
        catch (MapEvaluationException)
        {
            throw;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new MapEvaluationException(exception.Message.Replace("Error: ", "", StringComparison.Ordinal), exception);
        }
    }

    /// <summary>The field names the expression reads (identifiers) and the keys it writes (multi-select hash keys).</summary>
    public (IReadOnlyCollection<string> Reads, IReadOnlyCollection<string> Writes) Names()
    {
        var visitor = new NameVisitor();
        _compiled.Accept(visitor);
        return (visitor.Reads, visitor.Writes);
    }

    private sealed class NameVisitor : IVisitor
    {
        public HashSet<string> Reads { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Writes { get; } = new(StringComparer.Ordinal);

        public void Visit(JmesPathExpression expression)
        {
            if (expression is JmesPathIdentifier identifier)
            {
                Reads.Add(identifier.Name);
            }
            else if (expression is JmesPathMultiSelectHash hash)
            {
                Writes.UnionWith(hash.Dictionary.Keys);
            }
        }
    }
}
