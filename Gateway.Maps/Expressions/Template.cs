using System.Text.Json.Nodes;

namespace Gateway.Maps.Expressions;

/// <summary>
/// The shape of a body as written in the map file: mappings and lists are copied, every scalar is a JMESPath
/// expression evaluated against the document. A null result leaves its key out.
/// </summary>
internal abstract class Template
{
    /// <param name="input">The document (or event) as a JMESPath value.</param>
    /// <param name="path">Where this template is in the map, for error messages.</param>
    public abstract JsonNode? Evaluate(object? input, string path);

    /// <summary>Every expression in the template with the path of the key it fills.</summary>
    public abstract IEnumerable<(string Path, MapExpression Expression)> Expressions(string path);

    /// <summary>Every literal key in the template with its path.</summary>
    public abstract IEnumerable<(string Path, string Key, int Line)> Keys(string path);
}
