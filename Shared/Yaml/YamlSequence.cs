namespace Gateway.Yaml;

/// <summary>A sequence (<c>- item</c> lines or <c>[a, b]</c>).</summary>
internal sealed record YamlSequence(IReadOnlyList<YamlNode> Items, int Line, int Column) : YamlNode(Line, Column)
{
    public override string Kind => "a list (- item lines)";
}
