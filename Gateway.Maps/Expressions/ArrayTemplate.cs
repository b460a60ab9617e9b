using System.Text.Json.Nodes;

namespace Gateway.Maps.Expressions;

/// <summary>A list of the map file: each item a template.</summary>
internal sealed class ArrayTemplate(IReadOnlyList<Template> items) : Template
{
    public override JsonNode? Evaluate(object? input, string path) =>
        new JsonArray([.. items.Select((item, i) => item.Evaluate(input, $"{path}[{i}]")).Where(n => n is not null)]);

    public override IEnumerable<(string Path, MapExpression Expression)> Expressions(string path) =>
        items.SelectMany((item, i) => item.Expressions($"{path}[{i}]"));

    public override IEnumerable<(string Path, string Key, int Line)> Keys(string path) =>
        items.SelectMany((item, i) => item.Keys($"{path}[{i}]"));
}
