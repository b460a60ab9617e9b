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
    public string? Choose(Agreement agreement, string standard, string version, string type) =>
        agreement.Map ?? catalog.FindDefault(MapDirection.Inbound, standard, version, type)?.Name;

    /// <summary>The calls for <paramref name="document"/>, whose JSON form is <paramref name="json"/>.</summary>
    /// <exception cref="MapEvaluationException">The map is not live, or could not map this document.</exception>
    public IReadOnlyList<MappedCall> Calls(DocumentRecord document, JsonObject json)
    {
        if (document.Map is string name)
        {
            var map = catalog.Find(name) ?? throw new MapEvaluationException($"map '{name}' is not live: it is missing from maps/ or has errors (run gateway maps validate)");
            return map.Apply(json, document.Id, document.PartnerId);
        }
        if (document.Endpoint is string endpoint)
        {
            var body = new JsonObject { ["source"] = Map.Source(json, document.Id, document.PartnerId), ["document"] = json };
            return [new MappedCall(PassThrough, endpoint, "POST", "documents", body)];
        }
        return [];
    }
}
