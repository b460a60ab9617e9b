using System.Collections.Frozen;
using System.Text.Json;

namespace Gateway.Edi.X12.Schemas;

/// <summary>The X12 transaction set schemas we validate against, by version and set id.</summary>
/// <remarks>The standard set is embedded data (see X12/Schemas/README.md): 004010 and 005010 for 810,
/// 850, 855, 856, 940, 945, 997 and 999, with TA1 and the envelope segments.</remarks>
public sealed class X12SchemaSet
{
    private const string ResourcePrefix = "Gateway.Edi.X12.Schemas/";
    private static readonly Lazy<X12SchemaSet> LazyStandard = new(LoadEmbedded);
    private readonly FrozenDictionary<string, X12Dictionary> _dictionaries;
    private readonly FrozenDictionary<(string Version, string Id), X12TransactionSetSchema> _sets;

    private X12SchemaSet(FrozenDictionary<string, X12Dictionary> dictionaries, FrozenDictionary<(string, string), X12TransactionSetSchema> sets)
    {
        _dictionaries = dictionaries;
        _sets = sets;
    }

    /// <summary>The schemas shipped with the gateway.</summary>
    public static X12SchemaSet Standard => LazyStandard.Value;

    /// <summary>The versions with a dictionary, for example <c>004010</c>.</summary>
    public IReadOnlyCollection<string> Versions => _dictionaries.Keys;

    /// <summary>The transaction set ids with a schema in <paramref name="version"/>.</summary>
    public IEnumerable<string> TransactionSets(string version) =>
        _sets.Keys.Where(k => k.Version == VersionKey(version)).Select(k => k.Id).Order(StringComparer.Ordinal);

    /// <summary>Whether a schema exists for <paramref name="transactionSetId"/> in <paramref name="version"/> (GS08).</summary>
    public bool Supports(string version, string transactionSetId) => Find(version, transactionSetId) is not null;

    internal X12TransactionSetSchema? Find(string version, string id) =>
        _sets.GetValueOrDefault((VersionKey(version), id));

    internal X12Dictionary? Dictionary(string version) => _dictionaries.GetValueOrDefault(VersionKey(version));

    /// <summary>The dictionary version a GS08 value falls under: <c>004010VICS</c> is <c>004010</c>.</summary>
    internal static string VersionKey(string version) => version.Length > 6 ? version[..6] : version;

    private static X12SchemaSet LoadEmbedded()
    {
        var assembly = typeof(X12SchemaSet).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => (Name: n, Parts: n[ResourcePrefix.Length..].Split('/')))
            .Where(f => f.Parts.Length == 2)
            .GroupBy(f => f.Parts[0]);
        var dictionaries = new Dictionary<string, X12Dictionary>();
        var sets = new Dictionary<(string, string), X12TransactionSetSchema>();
        foreach (var version in files)
        {
            JsonDocument Open(string file)
            {
                using Stream stream = assembly.GetManifestResourceStream($"{ResourcePrefix}{version.Key}/{file}")
                    ?? throw new InvalidOperationException($"Schema folder {version.Key} has no {file}.");
                return JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            }
            using JsonDocument elements = Open("elements.json");
            using JsonDocument segments = Open("segments.json");
            X12Dictionary dictionary = X12SchemaLoader.LoadDictionary(version.Key, elements.RootElement, segments.RootElement);
            dictionaries[version.Key] = dictionary;
            foreach (var file in version.Where(f => f.Parts[1] is not ("elements.json" or "segments.json")))
            {
                using JsonDocument set = Open(file.Parts[1]);
                X12TransactionSetSchema schema = X12SchemaLoader.LoadTransactionSet(dictionary, set.RootElement, $"{version.Key}/{file.Parts[1]}");
                sets[(version.Key, schema.Id)] = schema;
            }
        }
        return new X12SchemaSet(dictionaries.ToFrozenDictionary(), sets.ToFrozenDictionary());
    }
}
