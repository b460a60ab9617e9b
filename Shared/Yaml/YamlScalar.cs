namespace Gateway.Yaml;

/// <summary>A scalar exactly as written: <c>version: 004010</c> keeps its leading zeros.</summary>
internal sealed record YamlScalar(string Value, bool IsPlain, int Line, int Column) : YamlNode(Line, Column)
{
    public override string Kind => "a value";

    /// <summary>True for an empty plain scalar or the YAML null words (<c>key:</c>, <c>~</c>, <c>null</c>).</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";
}
