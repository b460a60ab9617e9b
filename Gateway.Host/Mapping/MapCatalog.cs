using Gateway.Host.Configuration;
using Gateway.Maps;
using Gateway.Maps.Loading;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Mapping;

/// <summary>
/// The live maps, in step with the maps folder: a map file with errors never replaces its last good version, and its
/// errors are logged with file and line. Documents pick their map when they are delivered, so a fixed map applies to
/// the next retry or replay.
/// </summary>
internal sealed partial class MapCatalog : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(400);

    private readonly GatewaySettings _settings;
    private readonly ILogger<MapCatalog> _log;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Map> _lastGood = new(StringComparer.Ordinal);
    private FileSystemWatcher? _watcher;
    private Timer? _debounce;
    private volatile MapSet _current = MapSet.Empty;

    public MapCatalog(GatewaySettings settings, ILogger<MapCatalog> log)
    {
        _settings = settings;
        _log = log;
    }

    /// <summary>The options maps are checked with: the endpoints of appsettings.json.</summary>
    public static MapLoadOptions OptionsFor(GatewaySettings settings) => new() { Endpoints = settings.Endpoints.Keys.ToHashSet(StringComparer.Ordinal) };

    /// <summary>The maps live now.</summary>
    public MapSet Current => _current;

    /// <summary>Loads the folder and watches it for changes.</summary>
    public void Start()
    {
        Reload();
        if (!Directory.Exists(_settings.Maps))
        {
            return;
        }
        _debounce = new Timer(_ => Reload());
        _watcher = new FileSystemWatcher(_settings.Maps, "*.yaml")
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        FileSystemEventHandler changed = (_, _) => _debounce.Change(Quiet, Timeout.InfiniteTimeSpan);
        _watcher.Changed += changed;
        _watcher.Created += changed;
        _watcher.Deleted += changed;
        _watcher.Renamed += (_, _) => _debounce.Change(Quiet, Timeout.InfiniteTimeSpan);
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Loads the folder now and swaps in the new maps.</summary>
    public void Reload()
    {
        lock (_gate)
        {
            try
            {
                var set = MapSet.Load(_settings.Maps, OptionsFor(_settings));
                foreach (var error in set.Errors)
                {
                    LogError(error.ToString());
                }
                var broken = set.Errors.Select(e => Path.GetFileNameWithoutExtension(e.File)).ToHashSet(StringComparer.Ordinal);
                var kept = broken.Where(n => set.Find(n) is null && _lastGood.ContainsKey(n) && File.Exists(_lastGood[n].File)).Select(n => _lastGood[n]).ToList();
                foreach (var map in kept)
                {
                    LogKept(map.Name);
                }
                foreach (var map in set.Maps)
                {
                    _lastGood[map.Name] = map;
                }
                _current = set.With(kept);
                LogLoaded(_current.Maps.Count, set.Errors.Count);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                LogUnreadable(_settings.Maps, exception.Message);
            }
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Map problem: {Problem}")]
    private partial void LogError(string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Map {Map} has errors; its last good version stays live")]
    private partial void LogKept(string map);

    [LoggerMessage(Level = LogLevel.Information, Message = "Maps loaded: {Count} live, {Errors} problem(s)")]
    private partial void LogLoaded(int count, int errors);

    [LoggerMessage(Level = LogLevel.Error, Message = "Maps folder {Folder} could not be read: {Reason}")]
    private partial void LogUnreadable(string folder, string reason);
}
