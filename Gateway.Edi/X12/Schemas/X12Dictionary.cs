using System.Collections.Frozen;

namespace Gateway.Edi.X12.Schemas;

/// <summary>The elements, composites and segments of one version.</summary>
internal sealed class X12Dictionary(string version, FrozenDictionary<string, X12ElementDefinition> elements, FrozenDictionary<string, X12CompositeDefinition> composites, FrozenDictionary<string, X12SegmentDefinition> segments)
{
    public string Version { get; } = version;

    public FrozenDictionary<string, X12ElementDefinition> Elements { get; } = elements;

    public FrozenDictionary<string, X12CompositeDefinition> Composites { get; } = composites;

    public FrozenDictionary<string, X12SegmentDefinition> Segments { get; } = segments;
}
