using System.Text.Json;


namespace Gateway.Edi.Schemas;

/// <summary>Turns the JSON schema files of either standard into definitions; a mistake in a file names the file and entry.</summary>
internal static class SchemaLoader
{
    public static SegmentDictionary LoadDictionary(string version, JsonElement elementsFile, JsonElement segmentsFile)
    {
        var elements = new Dictionary<string, ElementDefinition>();
        foreach (JsonProperty p in elementsFile.GetProperty("elements").EnumerateObject())
        {
            JsonElement e = p.Value;
            Dictionary<string, string>? codes = e.TryGetProperty("codes", out JsonElement c)
                ? c.EnumerateObject().ToDictionary(x => x.Name, x => x.Value.GetString() ?? "", StringComparer.Ordinal)
                : null;
            (string type, int min, int max) = e.TryGetProperty("format", out JsonElement format)
                ? FromEdifactFormat(format.GetString()!, $"{version}/elements.json element {p.Name}")
                : (e.GetProperty("type").GetString()!, e.GetProperty("min").GetInt32(), e.GetProperty("max").GetInt32());
            elements[p.Name] = new ElementDefinition(p.Name, e.GetProperty("name").GetString()!, type, min, max)
            {
                Codes = codes,
                CodesPartial = e.TryGetProperty("codesPartial", out JsonElement partial) && partial.GetBoolean(),
            };
        }
        var composites = new Dictionary<string, CompositeDefinition>();
        if (elementsFile.TryGetProperty("composites", out JsonElement compositesJson))
        {
            foreach (JsonProperty p in compositesJson.EnumerateObject())
            {
                var components = Uses(p.Value.GetProperty("components"), elements, null, $"{version}/elements.json composite {p.Name}");
                composites[p.Name] = new CompositeDefinition(p.Name, p.Value.GetProperty("name").GetString()!, [.. components], [.. Notes(p.Value, components.Count, $"composite {p.Name}")]);
            }
        }
        var segments = new Dictionary<string, SegmentDefinition>();
        foreach (JsonProperty p in segmentsFile.GetProperty("segments").EnumerateObject())
        {
            var uses = Uses(p.Value.GetProperty("elements"), elements, composites, $"{version}/segments.json segment {p.Name}");
            segments[p.Name] = new SegmentDefinition(SegmentTags.Intern(p.Name), p.Value.GetProperty("name").GetString()!, [.. uses], [.. Notes(p.Value, uses.Count, $"segment {p.Name}")]);
        }
        return new SegmentDictionary(version, elements, composites, segments);
    }

    public static DocumentSchema LoadTransactionSet(SegmentDictionary dictionary, JsonElement file, string fileName)
    {
        string id = file.GetProperty("id").GetString()!;
        LoopDefinition root = Loop(id, 'M', 1, file.GetProperty("segments"), dictionary, fileName);
        string group = file.TryGetProperty("functionalGroup", out JsonElement g) ? g.GetString()! : id;
        return new DocumentSchema(id, file.GetProperty("name").GetString()!, group, dictionary.Version, root, dictionary);
    }

    private static LoopDefinition Loop(string id, char requirement, int max, JsonElement entries, SegmentDictionary dictionary, string fileName)
    {
        var list = new List<StructureEntry>();
        foreach (JsonElement e in entries.EnumerateArray())
        {
            char req = e.GetProperty("req").GetString()![0];
            int maxUse = MaxUse(e.GetProperty("max"));
            if (e.TryGetProperty("loop", out JsonElement loopId))
            {
                LoopDefinition loop = Loop(loopId.GetString()!, req, maxUse, e.GetProperty("segments"), dictionary, fileName);
                list.Add(new StructureEntry(null, loop, req, maxUse));
            }
            else
            {
                string tag = e.GetProperty("id").GetString()!;
                SegmentDefinition segment = dictionary.Segments.GetValueOrDefault(tag)
                    ?? throw new InvalidOperationException($"{fileName}: segment {tag} is not in segments.json.");
                list.Add(new StructureEntry(segment, null, req, maxUse));
            }
        }
        if (list.Count == 0 || list[0].Segment is null)
        {
            throw new InvalidOperationException($"{fileName}: loop {id} does not start with a segment.");
        }
        return new LoopDefinition(id, requirement, max, [.. list]);
    }

    // EDIFACT formats: "an..35" (up to 35), "n3" (exactly 3), "a..3"; n is a number that may carry a sign and decimal mark.
    private static (string Type, int Min, int Max) FromEdifactFormat(string format, string where)
    {
        int digits = format.IndexOfAny(['.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
        string kind = digits < 0 ? format : format[..digits];
        bool upTo = format.AsSpan(Math.Max(digits, 0)).StartsWith("..");
        if (digits < 0 || !int.TryParse(format.AsSpan(digits + (upTo ? 2 : 0)), out int length) || kind is not ("a" or "n" or "an"))
        {
            throw new InvalidOperationException($"{where}: format '{format}' is not a, n or an followed by a length or ..length.");
        }
        string type = kind switch { "a" => "A", "n" => "R", _ => "AN" };
        return (type, upTo ? 1 : length, length);
    }

    private static int MaxUse(JsonElement max) =>
        max.ValueKind == JsonValueKind.Number ? max.GetInt32() : int.MaxValue;

    private static List<ElementUse> Uses(JsonElement array, Dictionary<string, ElementDefinition> elements,
        Dictionary<string, CompositeDefinition>? composites, string where)
    {
        var uses = new List<ElementUse>();
        foreach (JsonElement u in array.EnumerateArray())
        {
            string reference = u.GetProperty("ref").GetString()!;
            char req = u.GetProperty("req").GetString()![0];
            int repeat = u.TryGetProperty("repeat", out JsonElement r) ? r.GetInt32() : 1;
            var element = elements.GetValueOrDefault(reference);
            var composite = composites?.GetValueOrDefault(reference);
            if (element is null && composite is null)
            {
                throw new InvalidOperationException($"{where}: element {reference} is not defined.");
            }
            uses.Add(new ElementUse(reference, req, repeat) { Element = element, Composite = composite });
        }
        return uses;
    }

    private static List<SyntaxNote> Notes(JsonElement owner, int positions, string where)
    {
        var notes = new List<SyntaxNote>();
        if (owner.TryGetProperty("syntax", out JsonElement syntax))
        {
            foreach (JsonElement n in syntax.EnumerateArray())
            {
                SyntaxNote note = SyntaxNote.Parse(n.GetString()!);
                if (note.Positions.Any(p => p < 1 || p > positions))
                {
                    throw new InvalidOperationException($"{where}: syntax note {note} names a position it does not have.");
                }
                notes.Add(note);
            }
        }
        return notes;
    }
}
