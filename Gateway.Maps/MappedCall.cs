using System.Text.Json.Nodes;

namespace Gateway.Maps;

/// <summary>One back-end call a document produces: the map's call name, the endpoint by name, and the request.</summary>
/// <param name="Name">The call's name in the map (<c>sales-order</c>); with the map's name it keeps the idempotency key apart from the document's other calls.</param>
/// <param name="Endpoint">An endpoint of <c>Gateway:Endpoints</c> in appsettings.json.</param>
/// <param name="Method">POST, PUT or PATCH.</param>
/// <param name="Path">Relative to the endpoint's base URL, every value taken from the document already URL-escaped.</param>
/// <param name="Body">The JSON body.</param>
public sealed record MappedCall(string Name, string Endpoint, string Method, string Path, JsonObject Body)
{
    private string? _bodyText;

    /// <summary>The body as compact JSON, written once: the map checks its size and the delivery sends it.</summary>
    public string BodyText => _bodyText ??= Body.ToJsonString();
}
