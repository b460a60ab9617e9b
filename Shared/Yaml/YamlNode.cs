namespace Gateway.Yaml;

/// <summary>A node of a YAML file (a partner profile or a map) with the 1-based line and column it starts at, so every error can point at it.</summary>
internal abstract record YamlNode(int Line, int Column)
{
    /// <summary>What an onboarding person would call this kind of node in an error message.</summary>
    public abstract string Kind { get; }
}
