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
    private volatile IReadOnlyDictionary<string, Map> _current = new Dictionary<string, Map>();

    public MapCatalog(GatewaySettings settings, ILogger<MapCatalog> log)
    {
        _settings = settings;
        _log = log;
    }

    /// <summary>The options maps are checked with: the endpoints of appsettings.json.</summary>
    public static MapLoadOptions OptionsFor(GatewaySettings settings) => new() { Endpoints = settings.Endpoints.Keys.ToHashSet(StringComparer.Ordinal) };

    /// <summary>The map named <paramref name="name"/>, if it is live.</summary>
    public Map? Find(string name) => _current.GetValueOrDefault(name);

    /// <summary>The default map for documents of this kind.</summary>
    public Map? FindDefault(MapDirection direction, string standard, string version, string type) =>
        _current.Values.OrderBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(m => m.IsDefault && m.Direction == direction && m.Document.Matches(standard, version, type));

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
                var live = set.Maps.ToDictionary(m => m.Name, StringComparer.Ordinal);
                var broken = set.Errors.Select(e => Path.GetFileNameWithoutExtension(e.File)).ToHashSet(StringComparer.Ordinal);
                foreach (string name in broken.Where(n => !live.ContainsKey(n) && _lastGood.ContainsKey(n) && File.Exists(_lastGood[n].File)))
                {
                    live[name] = _lastGood[name];
                    LogKept(name);
                }
                foreach (var map in set.Maps)
                {
                    _lastGood[map.Name] = map;
                }
                _current = live;
                LogLoaded(live.Count, set.Errors.Count);
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
