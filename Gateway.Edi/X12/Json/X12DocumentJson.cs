using System.Text.Json.Nodes;
using Gateway.Edi.Json;
using Gateway.Edi.X12.Schemas;

namespace Gateway.Edi.X12.Json;

/// <summary>The JSON form of an X12 transaction set, which maps and the console read: segments keyed by tag,
/// loops as <c>"{id}Loop"</c>, elements by their X12 names (<c>BEG03</c>), composites as objects
/// (<c>{"REF0401": …}</c>) and repetitions as arrays.</summary>
/// <remarks>A segment or loop that may repeat is always an array, one that may not is an object, as the
/// schema says; without a schema every segment is an array. Empty elements are left out.</remarks>
public static class X12DocumentJson
{
    /// <summary>The JSON form of <paramref name="transactionSet"/>, structured by its schema when one exists.</summary>
    public static JsonObject ToJson(X12TransactionSet transactionSet, X12SchemaSet? schemas = null)
    {
        ArgumentNullException.ThrowIfNull(transactionSet);
        var root = new JsonObject
        {
            ["standard"] = "X12",
            ["version"] = transactionSet.Version,
            ["type"] = transactionSet.Type,
            ["controlNumber"] = transactionSet.ControlNumber,
        };
        if (transactionSet.Group is X12FunctionalGroup group)
        {
            root["interchange"] = new JsonObject
            {
                ["sender"] = new JsonObject { ["qualifier"] = group.Interchange.SenderQualifier, ["id"] = group.Interchange.SenderId },
                ["receiver"] = new JsonObject { ["qualifier"] = group.Interchange.ReceiverQualifier, ["id"] = group.Interchange.ReceiverId },
                ["controlNumber"] = group.Interchange.ControlNumber,
                ["usage"] = group.Interchange.UsageIndicator,
                ["date"] = group.Interchange.Date,
                ["time"] = group.Interchange.Time,
            };
            root["group"] = new JsonObject
            {
                ["functionalId"] = group.FunctionalId,
                ["senderCode"] = group.SenderCode,
                ["receiverCode"] = group.ReceiverCode,
                ["controlNumber"] = group.ControlNumber,
            };
        }
        Gateway.Edi.Schemas.DocumentSchema? schema = (schemas ?? X12SchemaSet.Standard).Find(transactionSet.Version, transactionSet.Type);
        DocumentJson.Add(root, transactionSet.Segments, schema, id => id + "Loop");
        return root;
    }

    /// <summary>The keys the JSON form of an X12 <paramref name="version"/> <paramref name="transactionSetId"/> can hold below
    /// the root (loops, segments, elements, components); null when no schema describes it.</summary>
    public static IReadOnlySet<string>? FieldNames(string version, string transactionSetId, X12SchemaSet? schemas = null) =>
        (schemas ?? X12SchemaSet.Standard).Find(version, transactionSetId) is { } schema ? DocumentJson.FieldNames(schema, id => id + "Loop") : null;

    /// <summary>
    /// Fills the HL01 (hierarchical id) and HL02 (parent id) that <paramref name="json"/> leaves out, in document order:
    /// ids count from 1, and a level's parent is the nearest HL before it of a higher level (shipment S, order O,
    /// tare T, pack P, item I). An outbound map then only says which level each HL is, as an 856 needs.
    /// </summary>
    public static void NumberHierarchy(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var seen = new List<(string Id, int Rank)>();
        foreach (JsonObject hl in Segments(json, "HL"))
        {
            string id = hl["HL01"]?.GetValue<string>() ?? (seen.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            int rank = Rank(hl["HL03"]?.GetValue<string>());
            if (hl["HL01"] is null)
            {
                Prepend(hl, "HL01", id);
            }
            if (hl["HL02"] is null && seen.LastOrDefault(s => s.Rank < rank) is { Id: not null } parent)
            {
                Insert(hl, "HL02", parent.Id, after: "HL01");
            }
            seen.Add((id, rank));
        }
    }

    private static int Rank(string? level) => level switch
    {
        "S" => 0,
        "O" => 1,
        "T" => 2,
        "P" => 3,
        "I" => 4,
        _ => 5,
    };

    private static IEnumerable<JsonObject> Segments(JsonObject obj, string tag)
    {
        foreach (var (key, node) in obj.ToList())
        {
            var items = node switch
            {
                JsonObject single => [single],
                JsonArray array => array.OfType<JsonObject>().ToList(),
                _ => [],
            };
            foreach (var item in items)
            {
                if (key == tag)
                {
                    yield return item;
                }
                else if (key.EndsWith("Loop", StringComparison.Ordinal))
                {
                    foreach (var inner in Segments(item, tag))
                    {
                        yield return inner;
                    }
                }
            }
        }
    }

    private static void Prepend(JsonObject segment, string name, string value)
    {
        var rest = segment.ToList();
        segment.Clear();
        segment[name] = value;
        foreach (var (key, node) in rest)
        {
            segment[key] = node;
        }
    }

    private static void Insert(JsonObject segment, string name, string value, string after)
    {
        var rest = segment.ToList();
        segment.Clear();
        foreach (var (key, node) in rest)
        {
            segment[key] = node;
            if (key == after)
            {
                segment[name] = value;
            }
        }
        if (!segment.ContainsKey(name))
        {
            segment[name] = value;
        }
    }

    /// <summary>The segments (ST to SE) that <paramref name="json"/> describes, in document order.</summary>
    /// <exception cref="FormatException">A key or value is not of the JSON form.</exception>
    public static SegmentList FromJson(JsonObject json) => DocumentJson.FromJson(json);
}
