namespace Gateway.Edi.Schemas;

/// <summary>The elements, composites and segments of one version.</summary>
internal sealed class SegmentDictionary(string version, Dictionary<string, ElementDefinition> elements, Dictionary<string, CompositeDefinition> composites, Dictionary<string, SegmentDefinition> segments)
{
    public string Version { get; } = version;

    public IReadOnlyDictionary<string, ElementDefinition> Elements { get; } = elements;

    public IReadOnlyDictionary<string, CompositeDefinition> Composites { get; } = composites;

    public IReadOnlyDictionary<string, SegmentDefinition> Segments { get; } = segments;

    /// <summary>The name of the element at 1-based <paramref name="element"/> of segment <paramref name="tag"/> (or of its component); null when unknown.</summary>
    public string? ElementName(string tag, int element, int component)
    {
        if (!Segments.TryGetValue(tag, out var segment) || element < 1 || element > segment.Elements.Length)
        {
            return null;
        }
        var use = segment.Elements[element - 1];
        return component > 0 && use.Composite is { } composite && component <= composite.Components.Length
            ? $"{use.Name}: {composite.Components[component - 1].Name}"
            : use.Name;
    }
}
