namespace Gateway.Host.Configuration;

/// <summary>
/// How calls to one endpoint authenticate. Secrets are references (<c>env:NAME</c> or <c>file:PATH</c>) resolved when a
/// call is made, never written in appsettings.json and never logged.
/// </summary>
internal sealed class EndpointAuthSettings
{
    /// <summary><c>none</c>, <c>apiKey</c>, <c>basic</c>, <c>bearer</c> or <c>oauth2</c> (client credentials).</summary>
    public string Type { get; init; } = "none";

    /// <summary>The header an API key goes in (apiKey); default <c>X-Api-Key</c>.</summary>
    public string Header { get; init; } = "X-Api-Key";

    /// <summary>The user name (basic) or client id (oauth2).</summary>
    public string? User { get; init; }

    /// <summary>Reference to the API key, password, bearer token or client secret.</summary>
    public string? Secret { get; init; }

    /// <summary>The token endpoint (oauth2).</summary>
    public string? TokenUrl { get; init; }

    /// <summary>The scope requested (oauth2), if the server wants one.</summary>
    public string? Scope { get; init; }
}
