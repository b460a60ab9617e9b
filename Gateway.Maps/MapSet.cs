using Gateway.Maps.Loading;

namespace Gateway.Maps;

/// <summary>The maps of one folder, loaded and checked together: by name for agreements that name one, and the
/// default map of each document type for agreements that do not.</summary>
public sealed class MapSet
{
    private readonly Dictionary<string, Map> _byName;

    private MapSet(IReadOnlyList<Map> maps, IReadOnlyList<MapError> errors)
    {
        Maps = maps;
        Errors = errors;
        _byName = maps.ToDictionary(m => m.Name, StringComparer.Ordinal);
    }

    /// <summary>An empty set, for a gateway without a maps folder.</summary>
    public static MapSet Empty { get; } = new([], []);

    /// <summary>The maps that loaded without errors, by name.</summary>
    public IReadOnlyList<Map> Maps { get; }

    /// <summary>Problems of every file, and between files (two defaults for one document type).</summary>
    public IReadOnlyList<MapError> Errors { get; }

    /// <summary>Loads every <c>*.yaml</c> file of <paramref name="directory"/>.</summary>
    public static MapSet Load(string directory, MapLoadOptions? options = null)
    {
        if (!Directory.Exists(directory))
        {
            return Empty;
        }
        var maps = new List<Map>();
        var errors = new List<MapError>();
        foreach (string file in Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            var (map, fileErrors) = MapLoader.Load(file, options);
            errors.AddRange(fileErrors);
            if (map is not null)
            {
                maps.Add(map);
            }
        }
        foreach (var clash in maps.Where(m => m.IsDefault)
            .SelectMany(m => m.Document.Versions.Select(v => (Key: $"{m.Direction} {m.Document.Standard} {v} {m.Document.Type}", Map: m)))
            .GroupBy(x => x.Key).Where(g => g.Count() > 1))
        {
            var names = clash.Select(x => x.Map.Name).ToList();
            errors.Add(new MapError(clash.First().Map.File, 0, "default", $"{string.Join(" and ", names)} are both the default {clash.Key.ToLowerInvariant()} map; keep default: true on one"));
        }
        return new MapSet(maps, errors);
    }

    /// <summary>This set with <paramref name="kept"/> added: the last good versions of maps whose files now have errors.</summary>
    public MapSet With(IEnumerable<Map> kept) =>
        new([.. Maps.Concat(kept.Where(k => Find(k.Name) is null)).OrderBy(m => m.Name, StringComparer.Ordinal)], Errors);

    /// <summary>The map named <paramref name="name"/> (file name without extension), if it loaded.</summary>
    public Map? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The default map for documents of this kind in <paramref name="direction"/>.</summary>
    public Map? FindDefault(MapDirection direction, string standard, string version, string type) =>
        Maps.FirstOrDefault(m => m.IsDefault && m.Direction == direction && m.Document.Matches(standard, version, type));
}
