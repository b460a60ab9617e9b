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

    /// <summary>The segments (ST to SE) that <paramref name="json"/> describes, in document order.</summary>
    /// <exception cref="FormatException">A key or value is not of the JSON form.</exception>
    public static SegmentList FromJson(JsonObject json) => DocumentJson.FromJson(json);
}
