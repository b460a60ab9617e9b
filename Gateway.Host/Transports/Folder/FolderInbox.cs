using Gateway.Host.Configuration;
using Gateway.Host.Intake;
using Gateway.Host.Pipeline;
using Gateway.Partners.Loading;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Transports.Folder;

/// <summary>
/// Picks up files dropped in the shared inbox and the partners' inboxes. A file renamed into an inbox is complete
/// (see <see cref="MovedInWatcher"/>) and is taken at once where the system reports renames (Linux); any other file is
/// taken only once its size and time are unchanged across two looks a poll apart (so a half-copied file waits). Taken
/// files go to durable intake, and only then move to the <c>received</c> folder beside the inbox. Names starting with
/// '.' or ending in .tmp/.part are ignored.
/// </summary>
internal sealed partial class FolderInbox(FolderLayout layout, ProfileReloader profiles, DurableIntake intake, GatewaySettings settings, ILogger<FolderInbox> log) : BackgroundService
{
    private readonly Dictionary<string, (long Size, DateTime Written)> _lastLook = new(StringComparer.Ordinal);

    // The inboxes of the last poll and whose they are (null: the shared inbox); a file moved in elsewhere is not ours.
    private readonly Dictionary<string, string?> _inboxes = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The host runs this synchronously up to its first real wait. With a busy inbox (a backlog after downtime, polls
        // longer than the interval) the loop kept going without one, so the services started after it (SFTP, the AS2
        // listener, the scheduler) waited: in the crash test they had not started when the gateway was stopped.
        await Task.Yield();
        Directory.CreateDirectory(layout.SharedInbox);
        using var watcher = MovedInWatcher.Start();
        if (!watcher.Hears && OperatingSystem.IsLinux())
        {
            LogNotHearing();
        }
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(settings.FolderPollMilliseconds));
        Task<bool> tick = Task.FromResult(true);   // the first look at once
        Task<bool> movedIn = watcher.WaitAsync(stoppingToken);
        while (true)
        {
            await Task.WhenAny(tick, movedIn).ConfigureAwait(false);
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            if (tick.IsCompleted)
            {
                Guarded(() => Poll(watcher));
                tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
            }
            if (movedIn.IsCompleted)
            {
                Guarded(() => TakeMovedIn(watcher));
                // A listener that stopped (false) leaves the polls to do the work.
                movedIn = movedIn.Result ? watcher.WaitAsync(stoppingToken) : new TaskCompletionSource<bool>().Task;
            }
        }
    }

    // The edge of a transport's receive loop: log, keep going; nothing was acknowledged.
    private void Guarded(Action look)
    {
        try
        {
            look();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogPollFailed(exception);
        }
    }

    /// <summary>One look at every inbox; files ready in it are taken in together.</summary>
    private void Poll(MovedInWatcher watcher)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ready = new List<(FileInfo File, string? PartnerId)>();
        _inboxes.Clear();
        _inboxes[layout.SharedInbox] = null;
        foreach (var partner in profiles.Current.Partners.Where(p => p.Transports.Folder is not null))
        {
            string inbox = layout.InboxOf(partner);
            Directory.CreateDirectory(inbox);
            _inboxes[inbox] = partner.Id;
        }
        foreach (var (inbox, partnerId) in _inboxes)
        {
            watcher.Watch(inbox);   // before the look: a file moved in from now on is heard, one moved in before is seen
            Look(inbox, partnerId, seen, ready);
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

    /// <summary>Takes the files renamed into an inbox since the last time, without waiting for a second look.</summary>
    private void TakeMovedIn(MovedInWatcher watcher)
    {
        var ready = new List<(FileInfo File, string? PartnerId)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (watcher.TryTake(out var moved))
        {
            string path = Path.Combine(moved.Folder, moved.Name);
            if (_inboxes.TryGetValue(moved.Folder, out string? partnerId) && !IsIgnored(moved.Name) && names.Add(path) && File.Exists(path))
            {
                ready.Add((new FileInfo(path), partnerId));
                _lastLook.Remove(path);
            }
        }
        foreach (var chunk in ready.Chunk(BatchSize))
        {
            Take(chunk);
        }
    }

    private static bool IsIgnored(string name) =>
        name[0] == '.' || name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".part", StringComparison.OrdinalIgnoreCase);

    private const int BatchSize = 200;

    private void Look(string inbox, string? partnerId, HashSet<string> seen, List<(FileInfo, string?)> ready)
    {
        if (!Directory.Exists(inbox))
        {
            return;
        }
        foreach (var file in new DirectoryInfo(inbox).EnumerateFiles())
        {
            if (IsIgnored(file.Name))
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot watch the inboxes for renamed files (no inotify instance left: see fs.inotify.max_user_instances); every file waits for two looks a poll apart")]
    private partial void LogNotHearing();
}
