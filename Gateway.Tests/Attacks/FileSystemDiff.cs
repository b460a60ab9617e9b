namespace Gateway.Tests.Attacks;

/// <summary>
/// The path-traversal oracle: every file under a test's root and a sibling canary folder (recursively), and the files
/// right inside the folders a "../" could climb to (their parents, the temporary folder, the working folder), before
/// and after; a new file anywhere but the data directory is an escape.
/// </summary>
internal sealed class FileSystemDiff : IDisposable
{
    private readonly string[] _deep;
    private readonly string[] _shallow;
    private readonly HashSet<string> _before;

    private FileSystemDiff(string root)
    {
        Marker = "pwn" + Guid.NewGuid().ToString("N")[..10];
        Canary = Directory.CreateTempSubdirectory("gateway-canary-").FullName;
        File.WriteAllText(Path.Combine(Canary, "keep.txt"), "canary");
        _deep = [root, Canary];
        _shallow = [.. new[] { Path.GetDirectoryName(root)!, Path.GetDirectoryName(Path.GetDirectoryName(root)!)!, Path.GetTempPath(), Environment.CurrentDirectory, "/" }
            .Select(Path.GetFullPath).Distinct(StringComparer.Ordinal)];
        _before = Snapshot();
    }

    /// <summary>A token every attacking name carries, so an escape into a shared folder can be told from other tests' files.</summary>
    public string Marker { get; }

    /// <summary>A folder next to the test's root that nothing may write to.</summary>
    public string Canary { get; }

    public static FileSystemDiff Start(string root) => new(root);

    /// <summary>Files that appeared since the start and are not under <paramref name="dataDirectory"/>.</summary>
    public List<string> NewFilesOutside(string dataDirectory)
    {
        string inside = Path.GetFullPath(dataDirectory).TrimEnd('/') + "/";
        return [.. Snapshot().Except(_before).Where(f => !f.StartsWith(inside, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
    }

    /// <summary>Every file that appeared since the start.</summary>
    public List<string> NewFiles() => [.. Snapshot().Except(_before).Order(StringComparer.Ordinal)];

    public void Dispose() => Directory.Delete(Canary, recursive: true);

    private HashSet<string> Snapshot()
    {
        var files = new HashSet<string>(StringComparer.Ordinal);
        foreach (string folder in _deep.Where(Directory.Exists))
        {
            files.UnionWith(Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 }));
        }
        foreach (string folder in _shallow.Where(Directory.Exists))
        {
            files.UnionWith(Directory.EnumerateFiles(folder, "*" + Marker + "*", new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0, MatchType = MatchType.Simple }));
        }
        return files;
    }
}
