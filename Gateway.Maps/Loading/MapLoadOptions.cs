namespace Gateway.Maps.Loading;

/// <summary>What a map is checked against besides its own file.</summary>
public sealed class MapLoadOptions
{
    /// <summary>The endpoint names of <c>Gateway:Endpoints</c>; null skips the endpoint check (a map checked on its own).</summary>
    public IReadOnlySet<string>? Endpoints { get; init; }
}
