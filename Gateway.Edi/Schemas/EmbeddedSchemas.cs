using System.Reflection;
using System.Text.Json;

namespace Gateway.Edi.Schemas;

/// <summary>The embedded schema folders under one prefix (X12 versions, EDIFACT directories), each read the
/// first time a document needs it.</summary>
internal sealed class EmbeddedSchemas
{
    private static readonly Assembly Assembly = typeof(EmbeddedSchemas).Assembly;
    private readonly Dictionary<string, Lazy<SchemaFolder>> _folders;

    /// <summary>Finds the folders under <paramref name="prefix"/> that hold a <c>segments.json</c>; reads none yet.</summary>
    public EmbeddedSchemas(string prefix) =>
        _folders = Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith("/segments.json", StringComparison.Ordinal))
            .Select(n => n[prefix.Length..n.LastIndexOf('/')])
            .ToDictionary(f => f, f => new Lazy<SchemaFolder>(() => Load(prefix, f)), StringComparer.Ordinal);

    /// <summary>The folder names, for example <c>004010</c> or <c>D96A</c>.</summary>
    public IReadOnlyCollection<string> Names => _folders.Keys;

    /// <summary>Folder <paramref name="name"/>, read now if this is its first use; null when there is none.</summary>
    public SchemaFolder? Get(string name) => _folders.GetValueOrDefault(name)?.Value;

    private static SchemaFolder Load(string prefix, string folder)
    {
        string path = $"{prefix}{folder}/";
        JsonDocument Open(string name)
        {
            using Stream stream = Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"Schema folder {folder} has no {name}.");
            return JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        using JsonDocument elements = Open(path + "elements.json");
        using JsonDocument segments = Open(path + "segments.json");
        SegmentDictionary dictionary = SchemaLoader.LoadDictionary(folder, elements.RootElement, segments.RootElement);
        var documents = new Dictionary<string, DocumentSchema>(StringComparer.Ordinal);
        foreach (string name in Assembly.GetManifestResourceNames().Where(n => n.StartsWith(path, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)))
        {
            if (name.EndsWith("/elements.json", StringComparison.Ordinal) || name.EndsWith("/segments.json", StringComparison.Ordinal))
            {
                continue;
            }
            using JsonDocument document = Open(name);
            DocumentSchema schema = SchemaLoader.LoadTransactionSet(dictionary, document.RootElement, name[prefix.Length..]);
            documents[schema.Id] = schema;
        }
        return new SchemaFolder(dictionary, documents);
    }
}

/// <summary>One schema folder: its segment dictionary and its documents by id (transaction set or message type).</summary>
internal sealed record SchemaFolder(SegmentDictionary Dictionary, IReadOnlyDictionary<string, DocumentSchema> Documents);
