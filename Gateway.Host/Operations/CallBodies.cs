using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Host.Mapping;
using Gateway.Host.Tracking;
using Gateway.Maps;

namespace Gateway.Host.Operations;

/// <summary>
/// The body a call of a document sends now, as <c>gateway track body</c> prints it: the corrected one a person saved,
/// else mapped again from the document's JSON form with the live maps. What the console's fix form starts from.
/// </summary>
internal static class CallBodies
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The call to correct (the named one, else the first failed one, else the first) and its body, or a reason there is none.</summary>
    public static (string? Call, string? Body, string? Problem) Current(DocumentRecord document, string? documentJson, string? callName, DocumentMapper mapper)
    {
        var call = document.Calls.FirstOrDefault(c => callName is null ? c.Status == BackendCallStatus.Failed : c.Name == callName) ?? document.Calls.FirstOrDefault();
        if (call?.BodyOverride is { } saved)
        {
            return (call.Name, JsonNode.Parse(saved)!.ToJsonString(Indented), null);
        }
        if (documentJson is null || JsonNode.Parse(documentJson) is not JsonObject json)
        {
            return (call?.Name, null, "the document's JSON form cannot be read from the archive");
        }
        try
        {
            var built = mapper.Calls(document, json);
            var body = built.FirstOrDefault(c => c.Name == (callName ?? call?.Name)) ?? (built.Count > 0 ? built[0] : null);
            return body is null
                ? (call?.Name, null, "the live maps make no back-end call for this document")
                : (body.Name, body.Body.ToJsonString(Indented), null);
        }
        catch (MapEvaluationException exception)
        {
            return (call?.Name, null, $"the map cannot map it: {exception.Message}");
        }
    }
}
