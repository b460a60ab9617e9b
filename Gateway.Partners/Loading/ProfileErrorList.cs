using Gateway.Yaml;

namespace Gateway.Partners.Loading;

/// <summary>Collects the problems of one profile file, and the line of every field path read, for checks that run after binding.</summary>
internal sealed class ProfileErrorList(string file)
{
    private readonly List<ProfileError> _items = [];
    private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.Ordinal);

    public string File { get; } = file;

    public IReadOnlyList<ProfileError> Items => _items;

    public bool HasErrors => _items.Any(e => e.Severity == ProfileSeverity.Error);

    public void Add(int line, int column, string path, string message, ProfileSeverity severity = ProfileSeverity.Error) =>
        _items.Add(new ProfileError(File, line, column, path, message, severity));

    /// <summary>Reports at the position recorded for <paramref name="path"/>, or its nearest recorded parent.</summary>
    public void AddAt(string path, string message, ProfileSeverity severity = ProfileSeverity.Error)
    {
        var (line, column) = PositionOf(path);
        Add(line, column, path, message, severity);
    }

    /// <summary>Whether a problem was already reported at <paramref name="path"/>, so a later check need not repeat it.</summary>
    public bool HasProblemAt(string path) => _items.Any(e => e.Path == path);

    public void Remember(string path, YamlNode node) => _positions[path] = (node.Line, node.Column);

    public (int Line, int Column) PositionOf(string path)
    {
        for (string p = path; ; p = Parent(p))
        {
            if (_positions.TryGetValue(p, out var position))
            {
                return position;
            }
            if (p.Length == 0)
            {
                return (0, 0);
            }
        }
    }

    private static string Parent(string path)
    {
        int cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut < 0 ? "" : path[..cut];
    }
}
