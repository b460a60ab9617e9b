namespace Gateway.Host.Configuration;

/// <summary>A back-end system reached over HTTP.</summary>
internal sealed class EndpointSettings
{
    /// <summary>The base URL calls are relative to.</summary>
    public string BaseUrl { get; init; } = "";

    /// <summary>How long one attempt may take.</summary>
    public int TimeoutSeconds { get; init; } = 30;

    /// <summary>How the gateway proves who it is; none by default.</summary>
    public EndpointAuthSettings Auth { get; init; } = new();

    /// <summary>Calls per second at most (the back end's published limit); 0 means no limit.</summary>
    public double RateLimitPerSecond { get; init; }

    /// <summary>Quick retries within one delivery attempt (timeouts, 408, 429, 5xx), before the document waits for its next attempt.</summary>
    public int QuickRetries { get; init; } = 2;

    /// <summary>The first quick-retry delay; later ones grow exponentially, with jitter, and honour Retry-After.</summary>
    public int QuickRetryDelayMilliseconds { get; init; } = 500;
}
