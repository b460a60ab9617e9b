namespace Gateway.Host.Configuration;

/// <summary>Where alerts go besides the log (<c>Gateway:Alerts</c>).</summary>
internal sealed class AlertSettings
{
    /// <summary>A URL that receives each alert as a JSON POST (a chat or incident tool's webhook); none by default.</summary>
    public string? WebhookUrl { get; init; }
}
