namespace Gateway.Partners.Loading;

/// <summary>A node of a profile file with the 1-based line and column it starts at, so every error can point at it.</summary>
internal abstract record YamlNode(int Line, int Column)
{
    /// <summary>What an onboarding person would call this kind of node in an error message.</summary>
    public abstract string Kind { get; }
}

/// <summary>A scalar exactly as written: <c>version: 004010</c> keeps its leading zeros.</summary>
internal sealed record YamlScalar(string Value, bool IsPlain, int Line, int Column) : YamlNode(Line, Column)
{
    public override string Kind => "a value";

    /// <summary>True for an empty plain scalar or the YAML null words (<c>key:</c>, <c>~</c>, <c>null</c>).</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";
}

/// <summary>A mapping in file order; duplicate keys were already reported and dropped.</summary>
internal sealed record YamlMapping(IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries, int Line, int Column) : YamlNode(Line, Column)
{
    public override string Kind => "a mapping (key: value lines)";
}

/// <summary>A sequence (<c>- item</c> lines or <c>[a, b]</c>).</summary>
internal sealed record YamlSequence(IReadOnlyList<YamlNode> Items, int Line, int Column) : YamlNode(Line, Column)
{
    public override string Kind => "a list (- item lines)";
}
