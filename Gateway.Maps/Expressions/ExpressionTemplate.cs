using System.Text.Json.Nodes;
using Gateway.Maps.JmesPath;

namespace Gateway.Maps.Expressions;

/// <summary>A scalar of the map file: one expression, whose errors name the key and line.</summary>
internal sealed class ExpressionTemplate(MapExpression expression) : Template
{
    public override JsonNode? Evaluate(object? input, string path)
    {
        try
        {
            return JmesPathValues.ToNode(expression.Evaluate(input));
        }
        catch (MapEvaluationException exception)
        {
            throw new MapEvaluationException($"{path} (line {expression.Line}, '{Shorten(expression.Text)}'): {exception.Message}", exception);
        }
    }

    public override IEnumerable<(string Path, MapExpression Expression)> Expressions(string path) => [(path, expression)];

    public override IEnumerable<(string Path, string Key, int Line)> Keys(string path) => [];

    private static string Shorten(string text)
    {
        string flat = string.Join(' ', text.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        return flat.Length > 80 ? flat[..77] + "..." : flat;
    }
}
