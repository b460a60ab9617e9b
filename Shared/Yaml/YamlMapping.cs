namespace Gateway.Yaml;

/// <summary>A mapping in file order; duplicate keys were already reported and dropped.</summary>
internal sealed record YamlMapping(IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries, int Line, int Column) : YamlNode(Line, Column)
{
    public override string Kind => "a mapping (key: value lines)";
}
