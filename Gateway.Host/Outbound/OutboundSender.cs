using Gateway.Host.Durability;
using Gateway.Host.Pipeline;
using Gateway.Host.Tracking;
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
/// uploads go through <see cref="SftpOutbox"/> the same way, and mail through <see cref="EmailOutbox"/>, both with
/// backoff on failure.
/// </summary>
internal sealed partial class OutboundSender(ITrackingStore store, FolderLayout layout, ProfileReloader profiles, SftpOutbox sftp, EmailOutbox email, OutboundSignal signal, TimeProvider time, ILogger<OutboundSender> log) : BackgroundService
{
    private readonly HashSet<string> _reportedUnavailable = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                SendQueued();
                await sftp.SendDueAsync(stoppingToken);
                await email.SendDueAsync(stoppingToken);
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

    // The transports this build can send over; documents for the others wait in the queue, reported once.
    private static readonly string[] Available = ["folder"];

    /// <summary>Sends everything queued now: files first, one folder flush per outbox, then one store commit.</summary>
    public void SendQueued()
    {
        ReportUnavailable();
        var sent = store.QueuedOutbound(Available, 500).ToList();
        var outboxes = sent.Select(item => layout.OutboxOf(profiles.Current.Find(item.PartnerId), item.PartnerId)).ToArray();
        foreach (string outbox in outboxes.Distinct(StringComparer.Ordinal))
        {
            Directory.CreateDirectory(outbox);
        }
        // Several fsyncs in flight let the file system commit them together.
        Parallel.For(0, sent.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => DurableFile.Write(Path.Combine(outboxes[i], sent[i].FileName), sent[i].Content));
        DurableFile.FlushDirectories(outboxes);
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

    private void ReportUnavailable()
    {
        foreach (var item in store.QueuedOutbound(["as2"], 100).Where(i => i.LastError is null))
        {
            if (_reportedUnavailable.Add(item.Transport))
            {
                LogTransportUnavailable(item.Transport);
            }
            item.LastError = $"the {item.Transport} transport is not available in this build yet; the document stays queued";
            store.Save(item);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {DocumentType} {ControlNumber} to {PartnerId} over {Transport} for {TrackingId}")]
    private partial void LogSent(string documentType, string controlNumber, string partnerId, string transport, string trackingId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbound documents for {Transport} stay queued: that transport is not available in this build yet")]
    private partial void LogTransportUnavailable(string transport);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending queued documents failed; trying again shortly")]
    private partial void LogSendFailed(Exception exception);
}
