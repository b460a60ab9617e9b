using System.Text.Json.Nodes;
using Gateway.Edi.Edifact.Schemas;
using Gateway.Edi.Json;

namespace Gateway.Edi.Edifact;

/// <summary>The JSON form of an EDIFACT message, which maps and the console read: segments keyed by tag,
/// segment groups by their names (<c>SG2</c>), elements by position (<c>NAD02</c>), composites as objects
/// (<c>{"NAD0201": …}</c>) and repetitions as arrays; the same shape as the X12 form.</summary>
public static class EdifactDocumentJson
{
    /// <summary>The JSON form of <paramref name="message"/>, structured by its directory's schema when there is one.</summary>
    public static JsonObject ToJson(EdifactMessage message, EdifactSchemaSet? schemas = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        EdifactInterchange interchange = message.Interchange;
        var root = new JsonObject
        {
            ["standard"] = "EDIFACT",
            ["version"] = message.Directory,
            ["type"] = message.Type,
            ["controlNumber"] = message.ReferenceNumber,
            ["interchange"] = new JsonObject
            {
                ["sender"] = new JsonObject { ["qualifier"] = interchange.SenderQualifier, ["id"] = interchange.SenderId },
                ["receiver"] = new JsonObject { ["qualifier"] = interchange.RecipientQualifier, ["id"] = interchange.RecipientId },
                ["controlNumber"] = interchange.ControlReference,
                ["usage"] = interchange.IsTest ? "T" : "P",
                ["date"] = interchange.Date,
                ["time"] = interchange.Time,
            },
        };
        DocumentJson.Add(root, message.Segments, (schemas ?? EdifactSchemaSet.Standard).Find(message.Directory, message.Type), id => id);
        return root;
    }

    /// <summary>The keys the JSON form of an EDIFACT <paramref name="directory"/> <paramref name="messageType"/> can hold
    /// below the root (segment groups, segments, elements, components); null when no schema describes it.</summary>
    public static IReadOnlySet<string>? FieldNames(string directory, string messageType, EdifactSchemaSet? schemas = null) =>
        (schemas ?? EdifactSchemaSet.Standard).Find(directory, messageType) is { } schema ? DocumentJson.FieldNames(schema, id => id) : null;

    /// <summary>The segments (UNH to UNT) that <paramref name="json"/> describes, in document order.</summary>
    /// <exception cref="FormatException">A key or value is not of the JSON form.</exception>
    public static SegmentList FromJson(JsonObject json) => DocumentJson.FromJson(json);
}
