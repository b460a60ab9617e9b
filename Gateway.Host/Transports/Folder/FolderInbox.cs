using Gateway.Host.Configuration;
using Gateway.Host.Intake;
using Gateway.Host.Pipeline;
using Gateway.Partners.Loading;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Transports.Folder;

/// <summary>
/// Picks up files dropped in the shared inbox and the partners' inboxes. A file is taken only once its size and time
/// are unchanged across two looks (so a half-copied file waits), then handed to durable intake, and only then moved
/// to the <c>received</c> folder beside the inbox. Names starting with '.' or ending in .tmp/.part are ignored.
/// </summary>
internal sealed partial class FolderInbox(FolderLayout layout, ProfileReloader profiles, DurableIntake intake, GatewaySettings settings, ILogger<FolderInbox> log) : BackgroundService
{
    private readonly Dictionary<string, (long Size, DateTime Written)> _lastLook = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Directory.CreateDirectory(layout.SharedInbox);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(settings.FolderPollMilliseconds));
        do
        {
            try
            {
                Poll();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The edge of a transport's receive loop: log, keep polling; nothing was acknowledged.
                LogPollFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One look at every inbox; files ready in it are taken in together.</summary>
    public void Poll()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ready = new List<(FileInfo File, string? PartnerId)>();
        Look(layout.SharedInbox, null, seen, ready);
        foreach (var partner in profiles.Current.Partners.Where(p => p.Transports.Folder is not null))
        {
            string inbox = layout.InboxOf(partner);
            Directory.CreateDirectory(inbox);
            Look(inbox, partner.Id, seen, ready);
        }
        foreach (string gone in _lastLook.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            _lastLook.Remove(gone);
        }
        foreach (var chunk in ready.Chunk(BatchSize))
        {
            Take(chunk);
        }
    }

    private const int BatchSize = 200;

    private void Look(string inbox, string? partnerId, HashSet<string> seen, List<(FileInfo, string?)> ready)
    {
        if (!Directory.Exists(inbox))
        {
            return;
        }
        foreach (var file in new DirectoryInfo(inbox).EnumerateFiles())
        {
            if (file.Name[0] == '.' || file.Name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase) || file.Name.EndsWith(".part", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            seen.Add(file.FullName);
            var look = (file.Length, file.LastWriteTimeUtc);
            if (!_lastLook.TryGetValue(file.FullName, out var previous) || previous != look)
            {
                _lastLook[file.FullName] = look;
                continue;   // new or still growing: look again next time
            }
            ready.Add((file, partnerId));
            _lastLook.Remove(file.FullName);
        }
    }

    private void Take((FileInfo File, string? PartnerId)[] files)
    {
        var taken = new List<(FileInfo File, IntakeRequest Request)>();
        foreach (var (file, partnerId) in files)
        {
            try
            {
                byte[] content = File.ReadAllBytes(file.FullName);
                string sourceKey = $"folder:{file.FullName}:{file.Length}:{file.LastWriteTimeUtc.Ticks}";
                taken.Add((file, new IntakeRequest("folder", partnerId, file.Name, sourceKey, content)));
            }
            catch (IOException)
            {
                // Still held open by whoever writes it: the next look takes it.
            }
        }
        var ids = intake.AcceptAll(taken.Select(t => t.Request).ToList());
        CrashPoints.Reach("before-source-ack");
        for (int i = 0; i < taken.Count; i++)
        {
            string received = FolderLayout.ReceivedBeside(taken[i].File.DirectoryName!);
            Directory.CreateDirectory(received);
            // The stored name is generated; the original name is data in the receipt.
            File.Move(taken[i].File.FullName, Path.Combine(received, ids[i] + ".edi"), overwrite: true);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Folder poll failed; trying again at the next interval")]
    private partial void LogPollFailed(Exception exception);
}
