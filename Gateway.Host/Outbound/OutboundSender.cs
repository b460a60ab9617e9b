using Gateway.Host.Durability;
using Gateway.Host.Pipeline;
using Gateway.Host.Tracking;
using Gateway.Host.Transports.As2;
using Gateway.Host.Transports.Email;
using Gateway.Host.Transports.Folder;
using Gateway.Host.Transports.Sftp;
using Gateway.Partners.Loading;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Outbound;

/// <summary>
/// Sends queued outbound documents over their transport. The folder transport writes under a temporary name, then
/// renames, so a partner never sees half a file; a file already there from before a crash counts as sent. SFTP
/// uploads go through <see cref="SftpOutbox"/> the same way, mail through <see cref="EmailOutbox"/> and AS2 through
/// <see cref="As2Outbox"/>, all with backoff on failure.
/// </summary>
internal sealed partial class OutboundSender(ITrackingStore store, FolderLayout layout, ProfileReloader profiles, SftpOutbox sftp, EmailOutbox email, As2Outbox as2, OutboundSignal signal, TimeProvider time, ILogger<OutboundSender> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();   // off the host's start first, as FolderInbox: a backlog here must not hold back the services after it
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                SendQueued();
                await sftp.SendDueAsync(stoppingToken);
                await email.SendDueAsync(stoppingToken);
                await as2.SendDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSendFailed(exception);
            }
            try
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static readonly string[] Folder = ["folder"];

    /// <summary>Sends everything queued now: files first, one folder flush per outbox, then one store commit.</summary>
    public void SendQueued()
    {
        var sent = store.QueuedOutbound(Folder, 500).ToList();
        var outboxes = sent.Select(item => layout.OutboxOf(profiles.Current.Find(item.PartnerId), item.PartnerId)).ToArray();
        foreach (string outbox in outboxes.Distinct(StringComparer.Ordinal))
        {
            Directory.CreateDirectory(outbox);
        }
        DurableFile.WriteAll([.. sent.Select((item, i) => (Path.Combine(outboxes[i], item.FileName), Array.Empty<byte>(), item.Content))]);
        CrashPoints.Reach("after-outbound-written");
        foreach (var item in sent)
        {
            item.Status = "Sent";
            item.SentAt = time.GetUtcNow();
            item.Attempts++;
            LogSent(item.Kind, item.ControlNumber, item.PartnerId, item.Transport, item.RelatesTo ?? item.Id);
        }
        store.SaveAll(sent);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {DocumentType} {ControlNumber} to {PartnerId} over {Transport} for {TrackingId}")]
    private partial void LogSent(string documentType, string controlNumber, string partnerId, string transport, string trackingId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending queued documents failed; trying again shortly")]
    private partial void LogSendFailed(Exception exception);
}
