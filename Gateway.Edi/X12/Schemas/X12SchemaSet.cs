using Gateway.Edi.Schemas;

namespace Gateway.Edi.X12.Schemas;

/// <summary>The X12 transaction set schemas we validate against, by version and set id.</summary>
/// <remarks>The standard set is embedded data (see X12/Schemas/README.md): 004010 and 005010 for 810,
/// 850, 855, 856, 940, 945, 997 and 999, with TA1 and the envelope segments.</remarks>
public sealed class X12SchemaSet
{
    private const string ResourcePrefix = "Gateway.Edi.X12.Schemas/";
    private static readonly Lazy<X12SchemaSet> LazyStandard = new(() => new X12SchemaSet());

    // Each version is read from its embedded files the first time a document of that version arrives.
    private readonly EmbeddedSchemas _versions = new(ResourcePrefix);

    private X12SchemaSet()
    {
    }

    /// <summary>The schemas shipped with the gateway.</summary>
    public static X12SchemaSet Standard => LazyStandard.Value;

    /// <summary>The versions with a dictionary, for example <c>004010</c>.</summary>
    public IReadOnlyCollection<string> Versions => _versions.Names;

    /// <summary>The transaction set ids with a schema in <paramref name="version"/>.</summary>
    public IEnumerable<string> TransactionSets(string version) =>
        Get(version)?.Documents.Keys.Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>();

    /// <summary>Whether a schema exists for <paramref name="transactionSetId"/> in <paramref name="version"/> (GS08).</summary>
    public bool Supports(string version, string transactionSetId) => Find(version, transactionSetId) is not null;

    /// <summary>The name of the element at a 1-based position of <paramref name="segmentTag"/> in <paramref name="version"/> (GS08); null when the dictionary does not know it.</summary>
    public string? ElementName(string version, string segmentTag, int elementPosition, int componentPosition = 0) =>
        Get(version)?.Dictionary.ElementName(segmentTag, elementPosition, componentPosition);

    internal DocumentSchema? Find(string version, string id) => Get(version)?.Documents.GetValueOrDefault(id);

    /// <summary>The dictionary version a GS08 value falls under: <c>004010VICS</c> is <c>004010</c>.</summary>
    internal static string VersionKey(string version) => version.Length > 6 ? version[..6] : version;

    private SchemaFolder? Get(string version) => _versions.Get(VersionKey(version));
}
