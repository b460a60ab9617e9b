using System.Text.Json.Nodes;
using Gateway.Edi.Schemas;

namespace Gateway.Edi.Json;

/// <summary>The JSON form of a document, shared by X12 and EDIFACT: segments keyed by tag, loops or groups
/// nested by <see cref="LoopTracker"/>, elements by position name (<c>BEG03</c>), composites as objects
/// (<c>{"REF0401": …}</c>) and repetitions as arrays.</summary>
/// <remarks>A segment or loop that may repeat is always an array, one that may not is an object, as the
/// schema says; without a schema every segment is an array. Empty elements are left out.</remarks>
internal static class DocumentJson
{
    /// <summary>Adds the segments to <paramref name="root"/>, nested by <paramref name="schema"/> when there is one.</summary>
    public static void Add(JsonObject root, SegmentList segments, DocumentSchema? schema, Func<string, string> loopKey) =>
        new JsonTreeBuilder(root, schema, loopKey).AddAll(segments);

    /// <summary>The segments that <paramref name="json"/> describes, in document order.</summary>
    /// <exception cref="FormatException">A key or value is not of the JSON form.</exception>
    public static SegmentList FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var builder = new SegmentListBuilder();
        AddObject(json, builder);
        return builder.Build();
    }

    /// <summary>Every key the JSON form of <paramref name="schema"/>'s documents can hold below the root: loop keys,
    /// segment tags, element names and composite component names.</summary>
    public static IReadOnlySet<string> FieldNames(DocumentSchema schema, Func<string, string> loopKey)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        AddNames(schema.Root, loopKey, names);
        return names;
    }

    private static void AddNames(LoopDefinition loop, Func<string, string> loopKey, HashSet<string> names)
    {
        foreach (StructureEntry entry in loop.Entries)
        {
            if (entry.Loop is LoopDefinition inner)
            {
                names.Add(loopKey(inner.Id));
                AddNames(inner, loopKey, names);
                continue;
            }
            SegmentDefinition segment = entry.Segment!;
            names.Add(segment.Tag);
            for (int i = 0; i < segment.Elements.Length; i++)
            {
                string element = $"{segment.Tag}{i + 1:00}";
                names.Add(element);
                if (segment.Elements[i].Composite is CompositeDefinition composite)
                {
                    for (int c = 0; c < composite.Components.Length; c++)
                    {
                        names.Add($"{element}{c + 1:00}");
                    }
                }
            }
        }
    }

    internal static JsonObject SegmentToJson(Segment segment)
    {
        var obj = new JsonObject();
        string tag = segment.Tag;
        EdiDelimiters d = segment.Delimiters;
        string[] names = ElementNames(tag);
        for (int i = 1; i <= segment.ElementCount; i++)
        {
            if (!segment.Has(i))
            {
                continue;
            }
            string name = i < names.Length ? names[i] : $"{tag}{i:00}";
            ReadOnlySpan<byte> raw = segment.GetSpan(i);
            // Most elements are one plain value: no repetition, component or release character to split on.
            if (raw.IndexOfAny(d.Repetition ?? d.Element, d.Component, d.Release ?? d.Element) < 0)
            {
                obj[name] = JsonValue.Create(segment.DecodePart(raw));
                continue;
            }
            // Split the raw bytes, honouring the release character, and unescape each part only then.
            var values = new List<JsonNode>();
            var repetitions = new EdiComponentReader(raw, d.Repetition ?? d.Element, d.Release);
            while (repetitions.Read())
            {
                values.Add(Value(segment, repetitions.ValueSpan, name));
            }
            obj[name] = values.Count == 1 ? values[0] : new JsonArray([.. values]);
        }
        return obj;
    }

    // BEG01, BEG02, … per tag, made once: the JSON form names every element of every segment. Bounded, because
    // tags come from input: past the standards' few hundred, names are made on the fly.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> Names = new(StringComparer.Ordinal);

    private static string[] ElementNames(string tag) =>
        Names.TryGetValue(tag, out var names) ? names
        : Names.Count < 1024 ? Names.GetOrAdd(tag, t => [.. Enumerable.Range(0, 100).Select(i => $"{t}{i:00}")])
        : [];

    private static JsonNode Value(Segment segment, ReadOnlySpan<byte> value, string name)
    {
        EdiDelimiters d = segment.Delimiters;
        var components = new EdiComponentReader(value, d.Component, d.Release);
        var parts = new List<string>();
        while (components.Read())
        {
            parts.Add(segment.DecodePart(components.ValueSpan));
        }
        if (parts.Count == 1)
        {
            return JsonValue.Create(parts[0]);
        }
        var composite = new JsonObject();
        for (int c = 0; c < parts.Count; c++)
        {
            if (parts[c].Length > 0)
            {
                composite[$"{name}{c + 1:00}"] = parts[c];
            }
        }
        return composite;
    }

    private static void AddObject(JsonObject obj, SegmentListBuilder builder)
    {
        foreach ((string key, JsonNode? node) in obj)
        {
            if (key.EndsWith("Loop", StringComparison.Ordinal) || (key.StartsWith("SG", StringComparison.Ordinal) && key.Length > 2 && char.IsAsciiDigit(key[2])))
            {
                foreach (JsonObject iteration in Items(node, key))
                {
                    AddObject(iteration, builder);
                }
            }
            else if (key.Length is 2 or 3 && char.IsAsciiLetterUpper(key[0]))
            {
                foreach (JsonObject segment in Items(node, key))
                {
                    AddSegment(key, segment, builder);
                }
            }
        }
    }

    private static IEnumerable<JsonObject> Items(JsonNode? node, string key) => node switch
    {
        JsonObject single => [single],
        JsonArray array => array.Select(n => n as JsonObject ?? throw new FormatException($"'{key}' must hold objects.")),
        _ => throw new FormatException($"'{key}' must be an object or an array of objects."),
    };

    private static void AddSegment(string tag, JsonObject segment, SegmentListBuilder builder)
    {
        var elements = new List<string?>();
        foreach ((string name, JsonNode? value) in segment)
        {
            int position = Position(name, tag, 0);
            while (elements.Count < position)
            {
                elements.Add(null);
            }
            elements[position - 1] = value switch
            {
                JsonArray repetitions => builder.AddRepetitions([.. repetitions.Select(r => Element(r, name, builder))]),
                _ => Element(value, name, builder),
            };
        }
        builder.Add(tag, [.. elements]);
    }

    private static string Element(JsonNode? value, string name, SegmentListBuilder builder)
    {
        if (value is not JsonObject composite)
        {
            return Text(value, name);
        }
        var components = new List<string?>();
        foreach ((string key, JsonNode? component) in composite)
        {
            int position = Position(key, name, 0);
            while (components.Count < position)
            {
                components.Add(null);
            }
            components[position - 1] = component is null ? null : Text(component, key);
        }
        return builder.AddComposite([.. components]);
    }

    // Numbers are written as JSON writes them (invariant, no exponent for the values maps produce); anything else is not an element value.
    private static string Text(JsonNode? value, string name) => value?.GetValueKind() switch
    {
        null or System.Text.Json.JsonValueKind.Null => "",
        System.Text.Json.JsonValueKind.String => value.GetValue<string>(),
        System.Text.Json.JsonValueKind.Number => value.ToJsonString(),
        var kind => throw new FormatException($"'{name}' holds a JSON {kind.ToString()!.ToLowerInvariant()}; an element value is text or a number."),
    };

    private static int Position(string name, string prefix, int fallback) =>
        name.Length == prefix.Length + 2 && name.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(name.AsSpan(prefix.Length), out int p) && p > 0
            ? p
            : fallback > 0 ? fallback : throw new FormatException($"'{name}' is not an element name of {prefix} (expected {prefix}01, {prefix}02, …).");

    /// <summary>Nests segment objects by loop, following <see cref="LoopTracker"/>.</summary>
    private sealed class JsonTreeBuilder(JsonObject root, DocumentSchema? schema, Func<string, string> loopKey) : ILoopListener
    {
        private readonly Stack<JsonObject> _objects = new([root]);
        private StructureEntry? _used;

        public void AddAll(SegmentList segments)
        {
            LoopTracker? tracker = schema is null ? null : new LoopTracker(schema.Root, this);
            for (int i = 0; i < segments.Count; i++)
            {
                Segment segment = segments[i];
                _used = null;
                bool placed = tracker?.Place(segment.TagSpan, i + 1) is not null;
                bool single = placed && _used is { MaxUse: 1 };
                JsonObject target = _objects.Peek();
                JsonObject value = SegmentToJson(segment);
                if (single && !target.ContainsKey(segment.Tag))
                {
                    target[segment.Tag] = value;
                }
                else if (target[segment.Tag] is JsonArray array)
                {
                    array.Add(value);
                }
                else if (target[segment.Tag] is JsonObject existing)
                {
                    target[segment.Tag] = new JsonArray(existing.DeepClone(), value);
                }
                else
                {
                    target[segment.Tag] = (schema is null && segment.Tag is "ST" or "SE" or "UNH" or "UNT") ? value : new JsonArray(value);
                }
            }
        }

        public void MandatoryEntrySkipped(LoopFrame frame, StructureEntry entry, int position)
        {
        }

        public void SegmentUsed(LoopFrame frame, StructureEntry entry, int uses, int position) => _used = entry;

        public void LoopOpened(LoopFrame parent, StructureEntry entry, int iteration, int position)
        {
            var iterationObject = new JsonObject();
            string key = loopKey(entry.Loop!.Id);
            JsonObject owner = _objects.Peek();
            if (entry.MaxUse == 1 && !owner.ContainsKey(key))
            {
                owner[key] = iterationObject;
            }
            else if (owner[key] is JsonArray array)
            {
                array.Add(iterationObject);
            }
            else if (owner[key] is JsonObject existing)
            {
                owner[key] = new JsonArray(existing.DeepClone(), iterationObject);
            }
            else
            {
                owner[key] = new JsonArray(iterationObject);
            }
            _objects.Push(iterationObject);
            _used = entry.Loop.Entries[0];
        }

        public void LoopClosed(LoopFrame frame) => _objects.Pop();
    }
}
