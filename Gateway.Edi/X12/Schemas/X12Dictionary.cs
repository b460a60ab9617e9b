
namespace Gateway.Edi.X12.Schemas;

/// <summary>The elements, composites and segments of one version.</summary>
internal sealed class X12Dictionary(string version, Dictionary<string, X12ElementDefinition> elements, Dictionary<string, X12CompositeDefinition> composites, Dictionary<string, X12SegmentDefinition> segments)
{
    public string Version { get; } = version;

    public IReadOnlyDictionary<string, X12ElementDefinition> Elements { get; } = elements;

    public IReadOnlyDictionary<string, X12CompositeDefinition> Composites { get; } = composites;

    public IReadOnlyDictionary<string, X12SegmentDefinition> Segments { get; } = segments;
}
