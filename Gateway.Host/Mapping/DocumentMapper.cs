using System.Text.Json.Nodes;
using Gateway.Host.Tracking;
using Gateway.Maps;
using Gateway.Partners.Profiles;

namespace Gateway.Host.Mapping;

/// <summary>Chooses a document's map and turns the document into the back-end calls to make.</summary>
internal sealed class DocumentMapper(MapCatalog catalog)
{
    /// <summary>The call name of an unmapped document sent as its JSON form to the agreement's endpoint.</summary>
    public const string PassThrough = "document";

    /// <summary>The map for a document under <paramref name="agreement"/>: the one it names, else the default map of the document type.</summary>
    public string? Choose(Agreement agreement, string standard, string version, string type) => Choose(agreement, catalog.Current, standard, version, type);

    /// <summary>The rule of <see cref="Choose(Agreement, string, string, string)"/> over any set of maps (the CLI's, loaded from disk).</summary>
    public static string? Choose(Agreement? agreement, MapSet maps, string standard, string version, string type) =>
        agreement?.Map ?? maps.FindDefault(MapDirection.Inbound, standard, version, type)?.Name;

    /// <summary>The key every call of one document starts with: partner, interchange date and time, and the three control numbers.</summary>
    public static string DocumentKey(string? partnerId, string interchangeDateTime, string interchange, string group, string document) =>
        $"{partnerId}:{interchangeDateTime}:{interchange}:{group}:{document}";

    /// <summary>One call's key: the same for this document, map and call on every retry and replay.</summary>
    public static string CallKey(string documentKey, string? map, string call) => $"{documentKey}:{map ?? PassThrough}:{call}";

    /// <summary>The one call of a document without a map: its JSON form as is, with the source, to the agreement's endpoint.</summary>
    public static MappedCall PassThroughCall(JsonObject json, string trackingId, string? partnerId, string endpoint) =>
        new(PassThrough, endpoint, "POST", "documents", new JsonObject { ["source"] = Map.Source(json, trackingId, partnerId), ["document"] = json.DeepClone() });

    /// <summary>The calls for <paramref name="document"/>, whose JSON form is <paramref name="json"/>.</summary>
    /// <exception cref="MapEvaluationException">The map is not live, or could not map this document.</exception>
    public IReadOnlyList<MappedCall> Calls(DocumentRecord document, JsonObject json)
    {
        if (document.Map is string name)
        {
            var map = catalog.Current.Find(name) ?? throw new MapEvaluationException($"map '{name}' is not live: it is missing from maps/ or has errors (run gateway maps validate)");
            return map.Apply(json, document.Id, document.PartnerId);
        }
        if (document.Endpoint is string endpoint)
        {
            return [PassThroughCall(json, document.Id, document.PartnerId, endpoint)];
        }
        return [];
    }
}
