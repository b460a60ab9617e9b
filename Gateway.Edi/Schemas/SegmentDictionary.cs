namespace Gateway.Edi.Schemas;

/// <summary>The elements, composites and segments of one version.</summary>
internal sealed class SegmentDictionary(string version, Dictionary<string, ElementDefinition> elements, Dictionary<string, CompositeDefinition> composites, Dictionary<string, SegmentDefinition> segments)
{
    public string Version { get; } = version;

    public IReadOnlyDictionary<string, ElementDefinition> Elements { get; } = elements;

    public IReadOnlyDictionary<string, CompositeDefinition> Composites { get; } = composites;

    public IReadOnlyDictionary<string, SegmentDefinition> Segments { get; } = segments;
}
