using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Gateway.Host.Admin.Security;
using Gateway.Host.Tracking;
using Gateway.Tests.Support;

namespace Gateway.Tests.Attacks;

/// <summary>
/// Type information from the wire in the event APIs' JSON (<c>$type</c>, <c>__type</c>, <c>$ref</c>/<c>$id</c>,
/// <c>__proto__</c>) naming <see cref="Tripwire"/>. Oracle: the tripwire is never created, no 500, and the body is
/// either refused with a 4xx or processed as plain data (the 856 built from it equals the one built without the keys).
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class UntrustedJsonTests
{
    private const string Class = "Untrusted type information in JSON";

    private TestGateway _gateway = null!;
    private HttpClient _api = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _gateway = new TestGateway();
        _gateway.AddX12Partner("acme", "ACME");
        _gateway.UseShippedMaps();
        _gateway.Erp.Script(HttpStatusCode.BadRequest);
        await _gateway.StartAsync();
        _api = _gateway.ApiClient(Role.Operator);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _api.Dispose();
        await _gateway.DisposeAsync();
    }

    private static JsonObject ShipmentEvent() => JsonNode.Parse(File.ReadAllText(MapGolden.TestData("event-shipment-confirmation.json")))!.AsObject();

    /// <summary>The event with type-information keys added at the top, in nested objects and in array items.</summary>
    private static IEnumerable<(string Name, string Json)> Poisoned()
    {
        string tripwire = Tripwire.AssemblyQualifiedName;
        foreach (string key in new[] { "$type", "__type", "@type", "$ref", "$id", "$values", "__proto__", "constructor" })
        {
            var poisoned = ShipmentEvent();
            JsonNode value = key is "$ref" ? "#" : key is "__proto__" or "constructor" ? new JsonObject { ["admin"] = true, ["$type"] = tripwire } : tripwire;
            poisoned.Insert(0, key, value.DeepClone());
            poisoned["carrier"]!.AsObject().Insert(0, key, value.DeepClone());
            poisoned["packages"]![0]!.AsObject().Insert(0, key, value.DeepClone());
            yield return (key, poisoned.ToJsonString());
        }
        yield return ("type only", $$"""{"$type":"{{tripwire}}","Command":"touch /tmp/pwned"}""");
        yield return ("System.Diagnostics.Process", """{"$type":"System.Diagnostics.Process, System.Diagnostics.Process","StartInfo":{"FileName":"/bin/touch","Arguments":"/tmp/pwned"}}""");
        yield return ("duplicate keys", """{"$type":"a","$type":"b","shipmentId":"x","shipmentId":"y"}""");
        yield return ("deep nesting", string.Concat(Enumerable.Repeat("{\"$type\":", 5000)) + "1" + new string('}', 5000));
        yield return ("array", $$"""[{"$type":"{{tripwire}}"}]""");
    }

    private static string Comparable(string edi) => string.Join("~", edi.Split('~').Select(s => s.Trim())
        .Where(s => s.Length > 0 && !new[] { "ISA", "GS*", "GE*", "IEA", "ST*", "SE*", "BSN", "DTM" }.Any(p => s.StartsWith(p, StringComparison.Ordinal))));

    private async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(string path, string json)
    {
        using var response = await _api.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        string text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        try
        {
            body = JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON (an error page): the status tells.
        }
        return (response.StatusCode, body);
    }

    private string? OutboundContent(JsonNode? answer) =>
        answer?["trackingId"]?.GetValue<string>() is { } id && _gateway.Store.FindOutbound(id) is { } outbound ? Encoding.ASCII.GetString(outbound.Content) : null;

    [Test]
    public async Task Event_APIs_treat_type_information_as_data()
    {
        var cases = new AttackCases(Class, "UntrustedJsonTests.Event_APIs_…");
        Tripwire.Reset();
        var (baselineStatus, baselineBody) = await PostAsync("/api/outbound/acme/856", ShipmentEvent().ToJsonString());
        Assert.That(baselineStatus, Is.EqualTo(HttpStatusCode.Accepted), baselineBody?.ToJsonString());
        string baseline = Comparable(OutboundContent(baselineBody)!);
        foreach (var (name, json) in Poisoned())
        {
            await cases.RunAsync($"POST /api/outbound/acme/856 {name}", async () =>
            {
                var (status, body) = await PostAsync("/api/outbound/acme/856", json);
                if (status == HttpStatusCode.Accepted)
                {
                    string? edi = OutboundContent(body);
                    return edi is null ? "accepted but no outbound document" : Comparable(edi) == baseline ? null : "the 856 differs from the one built without the type keys";
                }
                return status is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity ? null : $"HTTP {(int)status} {body?.ToJsonString()}";
            });
            await cases.RunAsync($"POST /api/shipments {name}", async () =>
            {
                var (status, body) = await PostAsync("/api/shipments", json);
                return status is HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity ? null : $"HTTP {(int)status} {body?.ToJsonString()}";
            });
        }
        cases.Check(!Tripwire.Touched, "a type named in the JSON was instantiated");
        cases.Finish();
    }

    [Test]
    public async Task Fix_takes_type_information_as_literal_body_fields()
    {
        var cases = new AttackCases(Class, "UntrustedJsonTests.Fix_…");
        Tripwire.Reset();
        _gateway.Drop(_gateway.InboxOf("acme"), "po.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 901));
        await TestGateway.WaitUntil(() => _gateway.Store.QueryDocuments(new DocumentQuery()).Any(d => d.Status == DocumentStatus.DeadLettered), "dead-lettered by the scripted 400");
        var document = _gateway.Store.QueryDocuments(new DocumentQuery()).Single(d => d.Status == DocumentStatus.DeadLettered);
        string path = $"/api/documents/{document.Id}/fix";
        string tripwire = Tripwire.AssemblyQualifiedName;
        foreach (string refused in new[] { $$"""{"$type":"{{tripwire}}","Command":"x"}""", $$$"""{"call":{"$type":"{{{tripwire}}}"},"body":{}}""", """{"body":{"$ref":"#"},"body":{"$type":"x"}}""", $$"""[{"$type":"{{tripwire}}"}]""" })
        {
            await cases.RunAsync($"fix {refused[..Math.Min(40, refused.Length)]}", async () =>
            {
                var (status, body) = await PostAsync(path, refused);
                return status is HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.NotFound ? null : $"HTTP {(int)status} {body?.ToJsonString()}";
            });
        }
        int calls = _gateway.Erp.Calls.Count;
        string marker = Guid.NewGuid().ToString("N");
        await cases.RunAsync("fix with $type, __type and $ref inside the body", async () =>
        {
            var (status, body) = await PostAsync(path, $$$"""{"body":{"$type":"{{{tripwire}}}","__type":"{{{tripwire}}}","$ref":"#","marker":"{{{marker}}}","orderNumber":"901-PO000001"}}""");
            if (status != HttpStatusCode.OK)
            {
                return $"HTTP {(int)status} {body?.ToJsonString()}";
            }
            await TestGateway.WaitUntil(() => _gateway.Erp.Calls.Skip(calls).Any(c => c.Body.Contains(marker, StringComparison.Ordinal)), "the corrected call");
            var sent = JsonNode.Parse(_gateway.Erp.Calls.Skip(calls).First(c => c.Body.Contains(marker, StringComparison.Ordinal)).Body)!.AsObject();
            return sent["$type"]?.GetValue<string>() == tripwire && sent["$ref"]?.GetValue<string>() == "#" ? null : $"the ERP got {sent.ToJsonString()}, not the keys as data";
        });
        cases.Check(!Tripwire.Touched, "a type named in the JSON was instantiated");
        cases.Finish();
    }
}
