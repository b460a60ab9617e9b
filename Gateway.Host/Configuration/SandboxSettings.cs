namespace Gateway.Host.Configuration;

/// <summary>The sandbox back end: records ERP/CRM/3PL calls under /sandbox/{system}/ so a newcomer sees the whole flow without a real ERP.</summary>
internal sealed class SandboxSettings
{
    /// <summary>Serve the sandbox on the admin listener. Never in production.</summary>
    public bool Enabled { get; init; }
}
