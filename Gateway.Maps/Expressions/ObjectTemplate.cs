using System.Text.Json.Nodes;

namespace Gateway.Maps.Expressions;

/// <summary>A mapping of the map file: its keys in order, each filled by its own template.</summary>
internal sealed class ObjectTemplate(IReadOnlyList<(string Key, int Line, Template Value)> properties) : Template
{
    public override JsonNode? Evaluate(object? input, string path)
    {
        var result = new JsonObject();
        foreach (var (key, _, value) in properties)
        {
            if (value.Evaluate(input, $"{path}.{key}") is JsonNode node)
            {
                result[key] = node;
            }
        }
        return result;
    }

    public override IEnumerable<(string Path, MapExpression Expression)> Expressions(string path) =>
        properties.SelectMany(p => p.Value.Expressions($"{path}.{p.Key}"));

    public override IEnumerable<(string Path, string Key, int Line)> Keys(string path) =>
        properties.SelectMany(p => p.Value.Keys($"{path}.{p.Key}").Prepend((path, p.Key, p.Line)));
}
