using Gateway.Partners.Identification;
using Gateway.Partners.Profiles;
using Microsoft.Extensions.Logging;

namespace Gateway.Partners.Loading;

/// <summary>
/// Keeps the live <see cref="PartnerDirectory"/> in step with the profiles folder. A profile with errors never replaces
/// its last good version; one that never loaded cleanly stays off. Either way the others keep running, and the errors
/// are logged and reported.
/// </summary>
public sealed partial class ProfileReloader : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(400);

    private readonly ProfileCheckOptions _options;
    private readonly ILogger<ProfileReloader> _log;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PartnerProfile> _lastGood = new(StringComparer.Ordinal);
    private FileSystemWatcher? _watcher;
    private Timer? _debounce;
    private volatile PartnerDirectory _current = PartnerDirectory.Empty;

    public ProfileReloader(ProfileCheckOptions options, ILogger<ProfileReloader> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        _options = options;
        _log = log;
    }

    /// <summary>Raised after every reload, on the thread that ran it.</summary>
    public event EventHandler<ProfileReloadReport>? Reloaded;

    /// <summary>The partners live now.</summary>
    public PartnerDirectory Current => _current;

    /// <summary>Loads the folder and starts watching it for changes.</summary>
    public ProfileReloadReport Start()
    {
        var report = Reload();
        System.IO.Directory.CreateDirectory(_options.ProfilesDirectory);
        _debounce = new Timer(_ => ReloadSafely());
        _watcher = new FileSystemWatcher(_options.ProfilesDirectory)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            IncludeSubdirectories = true,   // certificates live in a subfolder
        };
        _watcher.Changed += OnChange;
        _watcher.Created += OnChange;
        _watcher.Deleted += OnChange;
        _watcher.Renamed += OnChange;
        _watcher.EnableRaisingEvents = true;
        return report;
    }

    /// <summary>Loads the folder now and swaps in the new directory.</summary>
    public ProfileReloadReport Reload()
    {
        lock (_gate)
        {
            var set = ProfileLoader.LoadDirectory(_options);
            var live = new List<PartnerProfile>();
            var kept = new List<LoadedProfile>();
            var off = new List<LoadedProfile>();
            var seenIds = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in set.Files)
            {
                foreach (var problem in file.Problems)
                {
                    LogProblem(problem);
                }
                string id = Path.GetFileNameWithoutExtension(file.File);
                seenIds.Add(id);
                if (file.IsUsable)
                {
                    live.Add(file.Profile!);
                    _lastGood[id] = file.Profile!;
                }
                else if (_lastGood.TryGetValue(id, out var previous))
                {
                    live.Add(previous);
                    kept.Add(file);
                    LogKeptLastGood(id, file.File);
                }
                else
                {
                    off.Add(file);
                    LogPartnerOff(id, file.File);
                }
            }
            var removed = _lastGood.Keys.Where(id => !seenIds.Contains(id)).ToList();
            foreach (string id in removed)
            {
                _lastGood.Remove(id);
                LogPartnerRemoved(id);
            }
            _current = new PartnerDirectory(DistinctIdentities(live));
            var report = new ProfileReloadReport(_current, set.Files, kept, off, removed);
            LogReloaded(_current.Partners.Count, off.Count, kept.Count);
            Reloaded?.Invoke(this, report);
            return report;
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
    }

    // A kept last-good profile may now clash with a new one; the first claim (file order) wins, as at load.
    private static IEnumerable<PartnerProfile> DistinctIdentities(IEnumerable<PartnerProfile> profiles)
    {
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var profile in profiles)
        {
            var keys = profile.Identities.X12.Select(i => $"x12:{i}").Concat(profile.Identities.Edifact.Select(i => $"edifact:{i}")).ToList();
            if (keys.All(k => !claimed.Contains(k)))
            {
                keys.ForEach(k => claimed.Add(k));
                yield return profile;
            }
        }
    }

    private void OnChange(object sender, FileSystemEventArgs e) => _debounce?.Change(Quiet, Timeout.InfiniteTimeSpan);

    private void ReloadSafely()
    {
        try
        {
            Reload();
        }
        catch (Exception exception)
        {
            // The edge of a background callback: keep the last directory and say so.
            LogReloadFailed(exception);
        }
    }

    private void LogProblem(ProfileError problem)
    {
        if (problem.Severity == ProfileSeverity.Error)
        {
            LogProfileError(problem.ToString());
        }
        else
        {
            LogProfileWarning(problem.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Profile error: {Problem}")]
    private partial void LogProfileError(string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Profile warning: {Problem}")]
    private partial void LogProfileWarning(string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Partner {PartnerId}: {File} has errors; the last good version stays live until they are fixed")]
    private partial void LogKeptLastGood(string partnerId, string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "Partner {PartnerId} is OFF: {File} has errors and no earlier version loaded; its documents are quarantined until it is fixed")]
    private partial void LogPartnerOff(string partnerId, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partner {PartnerId} removed: its profile file is gone")]
    private partial void LogPartnerRemoved(string partnerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Partner profiles loaded: {Live} live, {Off} off, {Kept} on their last good version")]
    private partial void LogReloaded(int live, int off, int kept);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reloading partner profiles failed; the previous partners stay live")]
    private partial void LogReloadFailed(Exception exception);
}
