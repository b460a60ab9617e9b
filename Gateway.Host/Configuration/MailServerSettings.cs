namespace Gateway.Host.Configuration;

/// <summary>One mail server the gateway logs in to: where, how securely, and as whom.</summary>
internal sealed class MailServerSettings
{
    public string Host { get; init; } = "";

    public int Port { get; init; }

    /// <summary><c>ssl</c> (TLS from the first byte), <c>starttls</c>, or <c>none</c> (refused unless the server is on this machine).</summary>
    public string Security { get; init; } = "ssl";

    public string? User { get; init; }

    /// <summary>Reference (<c>env:NAME</c> or <c>file:PATH</c>) to the password.</summary>
    public string? Password { get; init; }

    /// <summary>
    /// The SHA-256 fingerprint of the server's certificate (hex, colons optional, as <c>openssl x509 -fingerprint
    /// -sha256</c> prints it): when set, that certificate and no other is trusted, for a server with a self-signed one.
    /// </summary>
    public string? CertificateSha256 { get; init; }
}
