namespace Gateway.Host.Configuration;

/// <summary>The URLs the gateway listens on.</summary>
internal sealed class ListenerSettings
{
    /// <summary>The admin listener (web console, admin API, sandbox back end): loopback unless deliberately exposed.</summary>
    public string Admin { get; init; } = "http://127.0.0.1:5080";
}
