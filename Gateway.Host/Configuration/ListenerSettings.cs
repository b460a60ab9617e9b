namespace Gateway.Host.Configuration;

/// <summary>The URLs the gateway listens on.</summary>
internal sealed class ListenerSettings
{
    /// <summary>The admin listener (web console, admin API, sandbox back end): loopback unless deliberately exposed.</summary>
    public string Admin { get; init; } = "http://127.0.0.1:5080";

    /// <summary>
    /// The partner-facing listener: AS2 messages, asynchronous MDNs and a health check, nothing else. Empty turns it
    /// off. An https URL needs <see cref="PartnerCertificate"/>.
    /// </summary>
    public string Partner { get; init; } = "";

    /// <summary>The TLS certificate (.pfx) of an https partner listener, relative to the settings folder.</summary>
    public string? PartnerCertificate { get; init; }

    /// <summary>The password of <see cref="PartnerCertificate"/> as env:NAME or file:PATH.</summary>
    public string? PartnerCertificatePassword { get; init; }

    /// <summary>Connections the partner listener holds at once; more wait for the operating system's backlog.</summary>
    public int PartnerMaxConnections { get; init; } = 200;

    /// <summary>Seconds a partner may take to send its request headers.</summary>
    public int PartnerHeadersTimeoutSeconds { get; init; } = 30;

    /// <summary>The slowest upload the partner listener tolerates after a 10 s grace, in bytes per second: slow-body attacks end here.</summary>
    public int PartnerMinBytesPerSecond { get; init; } = 1024;
}
