using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Gateway.Edi.X12;
using Gateway.Host.Admin.Security;
using Gateway.Host.Tracking;
using Gateway.Tests.Support;

namespace Gateway.Tests.Host;

/// <summary>
/// The shipped maps in a running gateway: an 850 becomes an ERP sales order and a CRM activity over real HTTP,
/// and a back-end event posted to the outbound API (or dropped in the events folder) becomes a valid 856 in the
/// partner's outbox, once, however often it is resubmitted.
/// </summary>
public sealed class MappedFlowTests
{
    private TestGateway _gateway = null!;
    private HttpClient _http = null!;

    [SetUp]
    public void SetUp()
    {
        _gateway = new TestGateway();
        _gateway.AddX12Partner("acme", "ACME");
        _gateway.UseShippedMaps();
        _http = _gateway.ApiClient(Role.Operator);
    }

    [TearDown]
    public async Task TearDown()
    {
        _http.Dispose();
        await _gateway.DisposeAsync();
    }

    private static string ShipmentEvent => File.ReadAllText(MapGolden.TestData("event-shipment-confirmation.json"));

    private Task<HttpResponseMessage> PostAsync(string path, string json, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _gateway.AdminUrl + path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return _http.SendAsync(request);
    }

    private string[] ShipNotices() =>
        [.. _gateway.OutboxFiles("acme").Where(f => File.ReadAllText(f).Contains("ST*856*", StringComparison.Ordinal))];

    [Test]
    public async Task An_850_becomes_an_ERP_sales_order_and_a_CRM_activity_each_with_its_own_key()
    {
        await _gateway.StartAsync();
        _gateway.Drop(_gateway.InboxOf("acme"), "po.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 501));
        await TestGateway.WaitUntil(() => _gateway.Store.QueryDocuments(new DocumentQuery()).Any(d => d.Status == DocumentStatus.Delivered), "delivered");
        var document = _gateway.Store.QueryDocuments(new DocumentQuery()).Single();
        var calls = _gateway.Erp.Calls.ToList();
        Assert.Multiple(() =>
        {
            Assert.That(document.Map, Is.EqualTo("x12-850-sales-order"));
            Assert.That(document.Calls.Select(c => (c.Name, c.Status)), Is.EqualTo(new[] { ("sales-order", BackendCallStatus.Delivered), ("crm-activity", BackendCallStatus.Delivered) }));
            Assert.That(calls.Select(c => c.Path), Is.EqualTo(new[] { "sales-orders", "activities" }), "in the map's order");
            Assert.That(calls.Select(c => c.Key).Distinct().Count(), Is.EqualTo(2));
            Assert.That(calls[0].Key, Is.EqualTo($"{document.IdempotencyKey}:x12-850-sales-order:sales-order"));
            Assert.That(JsonNode.Parse(calls[0].Body)!["source"]!["trackingId"]!.GetValue<string>(), Is.EqualTo(document.Id));
            Assert.That(document.Calls[0].BackendId, Does.StartWith("ORD-"));
        });
    }

    [Test]
    public async Task A_map_that_cannot_map_the_document_dead_letters_it_with_the_field_and_line()
    {
        File.WriteAllText(Path.Combine(_gateway.Root, "maps", "x12-850-sales-order.yaml"),
            File.ReadAllText(Path.Combine(_gateway.Root, "maps", "x12-850-sales-order.yaml")).Replace("format_date(BEG.BEG05, 'yyyy-MM-dd')", "format_date(BEG.BEG03, 'yyyy-MM-dd')", StringComparison.Ordinal));
        await _gateway.StartAsync();
        _gateway.Drop(_gateway.InboxOf("acme"), "po.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 502));
        await TestGateway.WaitUntil(() => _gateway.Store.QueryDocuments(new DocumentQuery()).Any(d => d.Status == DocumentStatus.DeadLettered), "dead-lettered");
        var document = _gateway.Store.QueryDocuments(new DocumentQuery()).Single();
        Assert.That(document.Timeline.Last().Message, Does.Contain("calls.sales-order.body.orderDate (line").And.Contain("is not a date").And.Contain("gateway track reprocess"));
        Assert.That(_gateway.Erp.Calls, Is.Empty);
    }

    [Test]
    public async Task An_event_posted_twice_with_one_key_becomes_one_valid_856_in_the_outbox()
    {
        await _gateway.StartAsync();
        using var first = await PostAsync("/api/outbound/acme/856", ShipmentEvent, "SHP-1");
        using var second = await PostAsync("/api/outbound/acme/856", ShipmentEvent, "SHP-1");
        var firstBody = await first.Content.ReadFromJsonAsync<JsonObject>();
        var secondBody = await second.Content.ReadFromJsonAsync<JsonObject>();
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), firstBody?.ToJsonString());
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(secondBody!["trackingId"]!.GetValue<string>(), Is.EqualTo(firstBody!["trackingId"]!.GetValue<string>()));

        await TestGateway.WaitUntil(() => ShipNotices().Length > 0, "856 in the outbox");
        await Task.Delay(500);
        var files = ShipNotices();
        Assert.That(files, Has.Length.EqualTo(1));
        string edi = File.ReadAllText(files[0]);
        var results = new X12Validator().ValidateStream(new MemoryStream(Encoding.ASCII.GetBytes(edi))).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(results.Single().IsValid, Is.True, string.Join("\n", results.SelectMany(r => r.AllIssues)));
            Assert.That(results.Single().Interchange.ReceiverId, Is.EqualTo("ACME"));
            Assert.That(results.Single().Interchange.SenderId, Is.EqualTo("DISTRIBUTOR"));
            Assert.That(edi, Does.Contain("BSN*00*SHP-20261202-01*"));
        });
        Assert.That(_gateway.Store.FindOutbound(firstBody["trackingId"]!.GetValue<string>())!.Status, Is.EqualTo("Sent"));
    }

    [Test]
    public async Task An_event_the_gateway_cannot_send_is_refused_with_its_problems()
    {
        await _gateway.StartAsync();
        var withoutShipment = JsonNode.Parse(ShipmentEvent)!.AsObject();
        withoutShipment.Remove("shipmentId");
        using var missing = await PostAsync("/api/outbound/acme/856", withoutShipment.ToJsonString(), "SHP-2");
        using var noAgreement = await PostAsync("/api/outbound/acme/810", ShipmentEvent, null);
        using var notJson = await PostAsync("/api/outbound/acme/856", "[1, 2]", null);
        Assert.Multiple(async () =>
        {
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(await missing.Content.ReadAsStringAsync(), Does.Contain("the event lacks shipmentId"));
            Assert.That(noAgreement.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(await noAgreement.Content.ReadAsStringAsync(), Does.Contain("no outbound agreement for 810"));
            Assert.That(notJson.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        });
        await Task.Delay(300);
        Assert.That(ShipNotices(), Is.Empty);
    }

    [Test]
    public async Task An_event_file_is_sent_and_moved_and_a_bad_one_is_set_aside_with_its_problems()
    {
        await _gateway.StartAsync();
        string events = Path.Combine(_gateway.DataDirectory, "folders", "acme", "events");
        _gateway.Drop(events, "856-SHP-20261202-01.json", ShipmentEvent);
        _gateway.Drop(events, "856-broken.json", "{\"shipmentId\": ");
        await TestGateway.WaitUntil(() => ShipNotices().Length == 1 && File.Exists(Path.Combine(events, "failed", "856-broken.json")), "one sent, one failed");
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(Path.Combine(events, "sent", "856-SHP-20261202-01.json")), Is.True);
            Assert.That(File.ReadAllText(Path.Combine(events, "failed", "856-broken.json.problems.txt")), Does.Contain("not JSON"));
            Assert.That(Directory.GetFiles(events), Is.Empty);
        });
    }

    [Test]
    public async Task The_event_API_takes_an_Operator_token_and_refuses_everybody_else()
    {
        await _gateway.StartAsync();
        using var anonymous = new HttpClient();
        using var viewer = _gateway.ApiClient(Role.Viewer);
        async Task<HttpStatusCode> Post(HttpClient client, string? token = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _gateway.AdminUrl + "/api/outbound/acme/856") { Content = new StringContent(ShipmentEvent, Encoding.UTF8, "application/json") };
            if (token is not null)
            {
                request.Headers.Authorization = new("Bearer", token);
            }
            using var answer = await client.SendAsync(request);
            return answer.StatusCode;
        }
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await Post(anonymous), Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await Post(anonymous, "gw_guess"), Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await Post(viewer), Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await Post(_http), Is.EqualTo(HttpStatusCode.Accepted));
        });
        await TestGateway.WaitUntil(() => _gateway.OutboxFiles("acme").Length > 0, "the Operator's 856 sent");
        await Task.Delay(300);
        Assert.That(_gateway.OutboxFiles("acme"), Has.Length.EqualTo(1), "only the Operator's event was sent");
    }
}
