using System.Text;
using System.Text.Json.Nodes;
using Gateway.Maps.Expressions;
using Gateway.Maps.JmesPath;

namespace Gateway.Maps;

/// <summary>One call of an inbound map, compiled: where it goes, when it is made and how its body is built.</summary>
internal sealed class MapCall(string name, string endpoint, string method, IReadOnlyList<object> path, MapExpression? when, Template body)
{
    public string Name => name;

    public string Endpoint => endpoint;

    public string Method => method;

    public MapExpression? When => when;

    public Template Body => body;

    /// <summary>Literal text and <see cref="MapExpression"/>s, in order: <c>orders/{BEG.BEG03}/lines</c>.</summary>
    public IReadOnlyList<object> Path => path;

    /// <summary>The call for <paramref name="input"/>, or null when its <c>when</c> condition is false.</summary>
    public MappedCall? Build(object? input)
    {
        if (when is not null)
        {
            object? condition;
            try
            {
                condition = when.Evaluate(input);
            }
            catch (MapEvaluationException exception)
            {
                throw new MapEvaluationException($"calls.{name}.when (line {when.Line}): {exception.Message}", exception);
            }
            if (!JmesPathValues.IsTrue(condition))
            {
                return null;
            }
        }
        var url = new StringBuilder();
        foreach (object part in path)
        {
            if (part is MapExpression expression)
            {
                string? value = JmesPathValues.ToNode(Evaluate(expression, input, "path")) is JsonValue v ? v.ToString() : null;
                if (string.IsNullOrEmpty(value))
                {
                    throw new MapEvaluationException($"calls.{name}.path (line {expression.Line}): '{{{expression.Text}}}' is empty for this document");
                }
                url.Append(Uri.EscapeDataString(value));
            }
            else
            {
                url.Append((string)part);
            }
        }
        var json = body.Evaluate(input, $"calls.{name}.body") as JsonObject
            ?? throw new MapEvaluationException($"calls.{name}.body: the body must be a JSON object");
        return new MappedCall(name, endpoint, method, url.ToString(), json);
    }

    private object? Evaluate(MapExpression expression, object? input, string field)
    {
        try
        {
            return expression.Evaluate(input);
        }
        catch (MapEvaluationException exception)
        {
            throw new MapEvaluationException($"calls.{name}.{field} (line {expression.Line}): {exception.Message}", exception);
        }
    }
}
