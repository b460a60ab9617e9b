using Gateway.Partners.Profiles;
using Gateway.Partners.Profiles.Transports;
using Renci.SshNet;

namespace Gateway.Host.Transports.Sftp;

/// <summary>
/// Opens an SFTP session to a partner's server as its profile says: the host key must match the pinned SHA256
/// fingerprint (anything else is refused before any credential is sent), then a password or private key read from
/// its reference, with the profile's connection and operation timeouts.
/// </summary>
internal static class SftpConnection
{
    /// <exception cref="SftpRefusedException">The host key is not the pinned one, or a credential cannot be read.</exception>
    public static async Task<SftpClient> OpenAsync(PartnerProfile partner, SftpSettings sftp, string profilesDirectory, CancellationToken cancellationToken)
    {
        var auth = new List<AuthenticationMethod>();
        if (sftp.PrivateKey is { } key)
        {
            string passphrase = key.Password is { } reference ? Resolve(reference, profilesDirectory, partner, "privateKey.password") : "";
            string path = Path.GetFullPath(key.File, profilesDirectory);
            try
            {
                auth.Add(new PrivateKeyAuthenticationMethod(sftp.User, passphrase.Length > 0 ? new PrivateKeyFile(path, passphrase) : new PrivateKeyFile(path)));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or Renci.SshNet.Common.SshException)
            {
                throw new SftpRefusedException($"{partner.Id}: the private key {path} cannot be read ({exception.GetType().Name}: {exception.Message})");
            }
        }
        if (sftp.Password is { } password)
        {
            auth.Add(new PasswordAuthenticationMethod(sftp.User, Resolve(password, profilesDirectory, partner, "password")));
        }
        var connection = new ConnectionInfo(sftp.Host, sftp.Port, sftp.User, [.. auth]) { Timeout = TimeSpan.FromSeconds(sftp.TimeoutSeconds) };
        var client = new SftpClient(connection) { OperationTimeout = TimeSpan.FromSeconds(sftp.TimeoutSeconds) };
        string pinned = Normalize(sftp.HostKeyFingerprint);
        string? offered = null;
        client.HostKeyReceived += (_, e) =>
        {
            offered = Normalize(e.FingerPrintSHA256);
            e.CanTrust = string.Equals(offered, pinned, StringComparison.Ordinal);
        };
        try
        {
            await client.ConnectAsync(cancellationToken);
            return client;
        }
        catch (Renci.SshNet.Common.SshConnectionException) when (offered is not null && offered != pinned)
        {
            client.Dispose();
            throw new SftpRefusedException($"{partner.Id}: {sftp.Host}:{sftp.Port} offered host key SHA256:{offered}, not the pinned {sftp.HostKeyFingerprint}; nothing was sent. If the partner changed its key, confirm it with them and update hostKeyFingerprint");
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    // ssh-keygen prints SHA256:base64 without padding; SSH.NET gives the bare base64.
    private static string Normalize(string fingerprint) =>
        (fingerprint.StartsWith("SHA256:", StringComparison.Ordinal) ? fingerprint[7..] : fingerprint).TrimEnd('=');

    private static string Resolve(SecretReference reference, string profilesDirectory, PartnerProfile partner, string field) =>
        reference.TryResolve(profilesDirectory, out string? value, out string? problem)
            ? value
            : throw new SftpRefusedException($"{partner.Id}: transports.sftp.{field}: {problem}");
}
