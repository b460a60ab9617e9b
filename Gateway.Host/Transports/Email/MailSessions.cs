using System.Net;
using System.Security.Cryptography;
using Gateway.Host.Configuration;
using Gateway.Partners.Profiles;
using MailKit;
using MailKit.Security;

namespace Gateway.Host.Transports.Email;

/// <summary>Connects and logs in to a mail server as the settings say: TLS unless the server is on this machine, the password from its reference.</summary>
internal static class MailSessions
{
    public static async Task OpenAsync(IMailService client, MailServerSettings server, string contentRoot, CancellationToken cancellationToken)
    {
        var security = server.Security.ToLowerInvariant() switch
        {
            "ssl" => SecureSocketOptions.SslOnConnect,
            "starttls" => SecureSocketOptions.StartTls,
            "none" when IsLoopback(server.Host) => SecureSocketOptions.None,
            "none" => throw new InvalidOperationException($"mail server {server.Host}: Security none is allowed only for a server on this machine; use ssl or starttls"),
            _ => throw new InvalidOperationException($"mail server {server.Host}: Security '{server.Security}' is not ssl, starttls or none"),
        };
        client.Timeout = 30_000;
        if (server.CertificateSha256 is { Length: > 0 } pinned)
        {
            string expected = pinned.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant();
            client.ServerCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData())) == expected;
        }
        await client.ConnectAsync(server.Host, server.Port, security, cancellationToken);
        if (server.User is { Length: > 0 } user)
        {
            if (server.Password is null || !SecretReference.TryParse(server.Password, out var reference) || !reference.TryResolve(contentRoot, out string? password, out string? problem))
            {
                throw new InvalidOperationException($"mail server {server.Host}: the password reference cannot be read ({(server.Password is null ? "none given" : "see gateway logs for the reference")})");
            }
            await client.AuthenticateAsync(user, password, cancellationToken);
        }
    }

    private static bool IsLoopback(string host) =>
        host is "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
