using System.Text.Json;

namespace Gateway.Edi.Schemas;

/// <summary>Reads one folder of embedded schema files (a version or directory): its dictionary and its documents.</summary>
internal static class EmbeddedSchemas
{
    /// <summary>The folders under <paramref name="prefix"/> that hold a <c>segments.json</c>.</summary>
    public static IEnumerable<string> Folders(string prefix) =>
        typeof(EmbeddedSchemas).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith("/segments.json", StringComparison.Ordinal))
            .Select(n => n[prefix.Length..n.LastIndexOf('/')]);

    /// <summary>Loads folder <paramref name="folder"/> under <paramref name="prefix"/>.</summary>
    public static (SegmentDictionary Dictionary, Dictionary<string, DocumentSchema> Documents) Load(string prefix, string folder)
    {
        var assembly = typeof(EmbeddedSchemas).Assembly;
        string path = $"{prefix}{folder}/";
        JsonDocument Open(string name)
        {
            using Stream stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"Schema folder {folder} has no {name}.");
            return JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        using JsonDocument elements = Open(path + "elements.json");
        using JsonDocument segments = Open(path + "segments.json");
        SegmentDictionary dictionary = SchemaLoader.LoadDictionary(folder, elements.RootElement, segments.RootElement);
        var documents = new Dictionary<string, DocumentSchema>(StringComparer.Ordinal);
        foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(path, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)))
        {
            if (name.EndsWith("/elements.json", StringComparison.Ordinal) || name.EndsWith("/segments.json", StringComparison.Ordinal))
            {
                continue;
            }
            using JsonDocument document = Open(name);
            DocumentSchema schema = SchemaLoader.LoadTransactionSet(dictionary, document.RootElement, name[prefix.Length..]);
            documents[schema.Id] = schema;
        }
        return (dictionary, documents);
    }
}
