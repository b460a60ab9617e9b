namespace Gateway.Host.Configuration;

/// <summary>A back-end system reached over HTTP.</summary>
internal sealed class EndpointSettings
{
    /// <summary>The base URL calls are relative to.</summary>
    public string BaseUrl { get; init; } = "";

    /// <summary>How long one call may take.</summary>
    public int TimeoutSeconds { get; init; } = 30;
}
