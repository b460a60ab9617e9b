using Gateway.Edi.Schemas;

namespace Gateway.Edi.Edifact.Schemas;

/// <summary>The EDIFACT message schemas we validate against, by directory and message type.</summary>
/// <remarks>The standard set is embedded data (see Edifact/Schemas/README.md): directories D96A and D01B for
/// ORDERS, ORDRSP, DESADV, INVOIC, CONTRL and APERAK. Each directory loads on first use.</remarks>
public sealed class EdifactSchemaSet
{
    private const string ResourcePrefix = "Gateway.Edi.Edifact.Schemas/";
    private static readonly Lazy<EdifactSchemaSet> LazyStandard = new(() => new EdifactSchemaSet());
    private readonly EmbeddedSchemas _directories = new(ResourcePrefix);

    private EdifactSchemaSet()
    {
    }

    /// <summary>The schemas shipped with the gateway.</summary>
    public static EdifactSchemaSet Standard => LazyStandard.Value;

    /// <summary>The directories with schemas, for example <c>D96A</c>.</summary>
    public IReadOnlyCollection<string> Directories => _directories.Names;

    /// <summary>The message types with a schema in <paramref name="directory"/>.</summary>
    public IEnumerable<string> Messages(string directory) =>
        _directories.Get(directory)?.Documents.Keys.Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>();

    /// <summary>Whether a schema exists for <paramref name="messageType"/> in <paramref name="directory"/>.</summary>
    public bool Supports(string directory, string messageType) => Find(directory, messageType) is not null;

    /// <summary>The name of the element (or composite component) at a 1-based position of <paramref name="segmentTag"/> in <paramref name="directory"/>; null when unknown.</summary>
    public string? ElementName(string directory, string segmentTag, int elementPosition, int componentPosition = 0) =>
        _directories.Get(directory)?.Dictionary.ElementName(segmentTag, elementPosition, componentPosition);

    internal DocumentSchema? Find(string directory, string messageType) =>
        _directories.Get(directory)?.Documents.GetValueOrDefault(messageType);
}
