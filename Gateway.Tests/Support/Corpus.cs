using System.Text.RegularExpressions;

namespace Gateway.Tests.Support;

/// <summary>The shared corpus of real EDI samples (../shared/corpus beside the repository) and its SOURCES.md labels.</summary>
internal static partial class Corpus
{
    private static readonly Lazy<string?> LazyRoot = new(FindRoot);
    private static readonly Lazy<IReadOnlyList<CorpusFile>> LazyFiles = new(Load);

    public static string? Root => LazyRoot.Value;

    public static IReadOnlyList<CorpusFile> Files => LazyFiles.Value;

    /// <summary>One test case per corpus file under <paramref name="folderPrefix"/> with <paramref name="label"/>; a single
    /// case when the corpus is absent, which <see cref="RequirePresent"/> then marks inconclusive (never a pass).</summary>
    public static IEnumerable<TestCaseData> Cases(string folderPrefix, CorpusLabel label)
    {
        var files = Files.Where(f => f.Folder.StartsWith(folderPrefix, StringComparison.Ordinal) && f.Label == label).ToList();
        if (files.Count == 0)
        {
            yield return new TestCaseData(new CorpusFile("", folderPrefix + "none", "corpus-absent", label)).SetName("{m}(corpus absent)");
            yield break;
        }
        foreach (CorpusFile file in files)
        {
            yield return new TestCaseData(file).SetName($"{{m}}({file})");
        }
    }

    /// <summary>Stops the calling test as Inconclusive (not counted as passed) when the corpus is absent.</summary>
    public static void RequirePresent()
    {
        if (Root is null)
        {
            Assert.Inconclusive("../shared/corpus is not beside the repository; corpus tests are not counted.");
        }
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
        {
            dir = dir.Parent;
        }
        // Built with --artifacts-path the tests run outside the repository: fall back to where the project was built from.
        return dir?.FullName
            ?? typeof(Corpus).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false).OfType<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value
            ?? throw new InvalidOperationException("Gateway.sln not found above the test directory.");
    }

    private static string? FindRoot()
    {
        string root = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "corpus"));
        return File.Exists(Path.Combine(root, "SOURCES.md")) ? root : null;
    }

    private static List<CorpusFile> Load()
    {
        if (Root is null)
        {
            return [];
        }
        var files = new List<CorpusFile>();
        string? folder = null;
        foreach (string line in File.ReadLines(Path.Combine(Root, "SOURCES.md")))
        {
            Match heading = Heading().Match(line);
            if (heading.Success)
            {
                folder = heading.Groups[1].Value;
                continue;
            }
            Match row = Row().Match(line);
            if (folder is null || !row.Success)
            {
                continue;
            }
            string name = row.Groups[1].Value;
            string validity = line[(line.LastIndexOf("| **", StringComparison.Ordinal) + 4)..];
            var label = validity.StartsWith("valid envelope", StringComparison.Ordinal) ? CorpusLabel.Valid
                : validity.StartsWith("KNOWN-INVALID", StringComparison.Ordinal) || validity.StartsWith("ACCIDENTAL", StringComparison.Ordinal) ? CorpusLabel.Invalid
                : CorpusLabel.Unknown;
            files.Add(new CorpusFile(Path.Combine(Root, folder, name), folder, name, label));
        }
        return files;
    }

    [GeneratedRegex(@"^## ((?:x12|edifact)/[A-Za-z0-9]+)")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\| `([^`]+)` \|")]
    private static partial Regex Row();
}

public enum CorpusLabel
{
    Unknown,
    Valid,
    Invalid,
}

public sealed record CorpusFile(string Path, string Folder, string Name, CorpusLabel Label)
{
    public override string ToString() => $"{Folder}/{Name}";
}
