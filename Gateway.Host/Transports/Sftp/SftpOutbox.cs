using Gateway.Host.Admin.Metrics;
using Gateway.Host.Configuration;
using Gateway.Host.Outbound;
using Gateway.Host.Pipeline;
using Gateway.Host.Tracking;
using Gateway.Partners.Loading;
using Microsoft.Extensions.Logging;
using Renci.SshNet;

namespace Gateway.Host.Transports.Sftp;

/// <summary>
/// Uploads queued documents to partners' SFTP servers: under a temporary name (<c>.NAME.part</c>) that the partner's
/// pickup ignores, then renamed, so the partner never sees half a file. A failure keeps the document queued and
/// tries again with backoff (30 s doubling to an hour); a target already complete from before a crash counts as sent.
/// </summary>
internal sealed partial class SftpOutbox(ITrackingStore store, ProfileReloader profiles, GatewaySettings settings, GatewayMetrics metrics, TimeProvider time, ILogger<SftpOutbox> log)
{
    /// <summary>Sends the queued SFTP documents whose time has come, one session per partner.</summary>
    public async Task SendDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = store.QueuedOutbound(["sftp"], 200).Where(o => o.NextAttemptAt is null || o.NextAttemptAt <= now).ToList();
        foreach (var group in due.GroupBy(o => o.PartnerId, StringComparer.Ordinal))
        {
            await SendAsync(group.Key, [.. group], cancellationToken);
        }
    }

    private async Task SendAsync(string partnerId, List<OutboundRecord> items, CancellationToken cancellationToken)
    {
        var partner = profiles.Current.Find(partnerId);
        var sftp = partner?.Transports.Sftp;
        if (partner is null || sftp?.OutboundFolder is null)
        {
            Fail(items, $"{partnerId} has no transports.sftp.outboundFolder in its profile; add it, the document stays queued");
            return;
        }
        SftpClient client;
        try
        {
            client = await SftpConnection.OpenAsync(partner, sftp, settings.PartnerProfiles, cancellationToken);
        }
        catch (Exception exception) when (exception is SftpRefusedException or Renci.SshNet.Common.SshException or IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            Fail(items, exception.Message);
            return;
        }
        using (client)
        {
            string folder = sftp.OutboundFolder.TrimEnd('/');
            foreach (var item in items)
            {
                try
                {
                    string target = $"{folder}/{item.FileName}";
                    if (!(client.Exists(target) && client.Get(target).Length == item.Content.Length))
                    {
                        string temporary = $"{folder}/.{item.FileName}.part";
                        using (var content = new MemoryStream(item.Content, writable: false))
                        {
                            await client.UploadFileAsync(content, temporary, cancellationToken);
                        }
                        await client.RenameFileAsync(temporary, target, cancellationToken);
                    }
                    CrashPoints.Reach("after-remote-upload");
                    item.Status = "Sent";
                    item.SentAt = time.GetUtcNow();
                    item.Attempts++;
                    item.LastError = null;
                    item.NextAttemptAt = null;
                    store.Save(item);
                    LogSent(item.Kind, item.ControlNumber, partnerId, item.FileName);
                }
                catch (Exception exception) when (exception is Renci.SshNet.Common.SshException or IOException)
                {
                    Fail([item], $"{exception.GetType().Name}: {exception.Message}");
                }
            }
        }
    }

    private void Fail(IEnumerable<OutboundRecord> items, string reason)
    {
        foreach (var item in items)
        {
            var delay = OutboundBackoff.Fail(item, reason, time);
            metrics.OutboundRetry(item);
            store.Save(item);
            LogRetrying(item.Kind, item.PartnerId, reason, delay);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Uploaded {DocumentType} {ControlNumber} to {PartnerId}'s SFTP server as {File}")]
    private partial void LogSent(string documentType, string controlNumber, string partnerId, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SFTP upload of {DocumentType} to {PartnerId} failed: {Reason}; next try in {Delay}")]
    private partial void LogRetrying(string documentType, string partnerId, string reason, TimeSpan delay);
}
