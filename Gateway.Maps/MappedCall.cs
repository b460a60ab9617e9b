using System.Text.Json.Nodes;

namespace Gateway.Maps;

/// <summary>
/// One back-end call a document produces: the map's call name, the endpoint by name, and the request. Not a record:
/// its body text is written once and kept, which a <c>with</c> copy or value equality would silently get wrong.
/// </summary>
/// <param name="name">The call's name in the map (<c>sales-order</c>); with the map's name it keeps the idempotency key apart from the document's other calls.</param>
/// <param name="endpoint">An endpoint of <c>Gateway:Endpoints</c> in appsettings.json.</param>
/// <param name="method">POST, PUT or PATCH.</param>
/// <param name="path">Relative to the endpoint's base URL, every value taken from the document already URL-escaped.</param>
/// <param name="body">The JSON body; not changed once the call is made.</param>
public sealed class MappedCall(string name, string endpoint, string method, string path, JsonObject body)
{
    private string? _bodyText;

    public string Name => name;

    public string Endpoint => endpoint;

    public string Method => method;

    public string Path => path;

    public JsonObject Body => body;

    /// <summary>The body as compact JSON, written once: the map checks its size and the delivery sends it.</summary>
    public string BodyText => _bodyText ??= body.ToJsonString();
}
