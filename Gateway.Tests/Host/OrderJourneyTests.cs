using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Gateway.Host.Admin.Security;
using Gateway.Host.Configuration;
using Gateway.Host.Orders;
using Gateway.Host.Tracking;
using Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Host;

/// <summary>
/// A purchase order's journey over the folder transport with the shipped maps: 850 in, 997 out, the ERP order, the
/// 856 and 810 sent, the partner's 997s back (accepted, then rejected), each with its time; a short-shipped line and
/// an overpriced invoice line are exactly the two discrepancies; what is late shows as stuck.
/// </summary>
[NonParallelizable]
public sealed class OrderJourneyTests
{
    private const string Po = "PO-778812";

    private TestGateway _gateway = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task SetUp()
    {
        _gateway = new TestGateway();
        string profile = ProfileTexts.X12Partner("acme", "ACMERETAIL")
            .Replace("    direction: inbound\n", "    direction: inbound\n    endpoint: erp\n", StringComparison.Ordinal)
            .Replace("transports:\n", "  - { standard: x12, version: \"004010\", document: \"810\", direction: outbound, transport: folder, acknowledgments: { expectedWithinHours: 24 } }\ntransports:\n", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_gateway.ProfilesDirectory, "acme.yaml"), profile);
        _gateway.UseShippedMaps();
        await _gateway.StartAsync();
        _http = _gateway.ApiClient(Role.Operator);
    }

    [TearDown]
    public async Task TearDown()
    {
        _http.Dispose();
        await _gateway.DisposeAsync();
    }

    private async Task<OutboundRecord> PostAsync(string type, string json, string key, string partner = "acme")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_gateway.AdminUrl}/api/outbound/{partner}/{type}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        string id = body!["trackingId"]?.GetValue<string>() ?? throw new AssertionException(body.ToJsonString());
        await TestGateway.WaitUntil(() => _gateway.Store.FindOutbound(id)?.Status == "Sent", $"the {type} sent");
        return _gateway.Store.FindOutbound(id)!;
    }

    private static string ShipNotice()
    {
        var shipment = JsonNode.Parse(File.ReadAllText(MapGolden.TestData("event-shipment-confirmation.json")))!.AsObject();
        // SKU-10002: 2 cases of the 3 ordered; SKU-10003 (never ordered) left out.
        var second = shipment["packages"]![1]!.AsObject();
        second["items"] = new JsonArray(second["items"]![0]!.DeepClone());
        return shipment.ToJsonString();
    }

    private static string Invoice()
    {
        var invoice = JsonNode.Parse(File.ReadAllText(MapGolden.TestData("event-invoice.json")))!.AsObject();
        // SKU-10002 invoiced as shipped (2), but at 45.00 against the 41.50 ordered.
        invoice["lines"]![1]!["unitPrice"] = 45.0;
        invoice["lines"]![1]!["amount"] = 90.0;
        invoice["totalAmount"] = 141.0;
        return invoice.ToJsonString();
    }

    private async Task AcknowledgeAsync(OutboundRecord sent, string functionalId, string body, int interchange)
    {
        string edi = $"ISA*00*          *00*          *ZZ*ACMERETAIL     *ZZ*DISTRIBUTOR    *261128*1200*U*00401*{interchange:000000000}*0*P*>~\n"
            + $"GS*FA*ACMERETAIL*DISTRIBUTOR*20261128*1200*{interchange}*X*004010~\n"
            + $"ST*997*0001~\nAK1*{functionalId}*{sent.GroupControlNumber}~\nAK2*{sent.Kind}*{sent.DocumentControlNumber}~\n{body}"
            + $"SE*{body.Count(c => c == '\n') + 4}*0001~\nGE*1*{interchange}~\nIEA*1*{interchange:000000000}~\n";
        _gateway.Drop(_gateway.InboxOf("acme"), $"997-{interchange}.edi", edi);
        await TestGateway.WaitUntil(() => _gateway.Store.FindOutbound(sent.Id)!.AcknowledgmentStatus is not null, $"the 997 for {sent.Kind}");
    }

    [Test]
    public async Task The_journey_shows_each_state_with_its_time_and_exactly_the_two_discrepancies()
    {
        _gateway.Drop(_gateway.InboxOf("acme"), "po.edi", File.ReadAllText(Path.Combine(Corpus.RepositoryRoot(), "samples", "acme-retail-850.edi")));
        await TestGateway.WaitUntil(() => _gateway.Store.QueryDocuments(new DocumentQuery { BusinessReference = Po }).Any(d => d.Status == DocumentStatus.Delivered), "the 850 delivered");
        var shipNotice = await PostAsync("856", ShipNotice(), "SHP-J1");
        await AcknowledgeAsync(shipNotice, "SH", "AK5*A~\nAK9*A*1*1*1~\n", 801);
        var invoice = await PostAsync("810", Invoice(), "INV-J1");
        await AcknowledgeAsync(invoice, "IN", "AK5*R*5~\nAK9*R*1*1*0~\n", 802);

        var journey = await _http.GetFromJsonAsync<JsonObject>($"{_gateway.AdminUrl}/api/orders/{Po}?partner=acme");

        var steps = journey!["steps"]!.AsArray()
            .Select(s => (What: System.Text.RegularExpressions.Regex.Replace(s!["what"]!.GetValue<string>(), " ORD-[0-9a-f]+$", ""), Status: s["status"]!.GetValue<string>()))
            .ToList();
        int At(string what) => steps.FindIndex(s => s.What == what);
        Assert.Multiple(() =>
        {
            Assert.That(steps, Is.EquivalentTo(new[]
            {
                ($"850 {Po} received from acme", "Delivered"),
                ("997+TA1 sent to acme", "Sent"),
                ("erp sales-order", "Delivered"),
                ("crm crm-activity", "Delivered"),
                ("856 SHP-20261202-01 sent to acme over folder", "Sent"),
                ("acme's acknowledgment of 856 SHP-20261202-01", "Accepted"),
                ("810 INV-2026-004417 sent to acme over folder", "Sent"),
                ("acme's acknowledgment of 810 INV-2026-004417", "Rejected"),
            }));
            Assert.That(new[] { At($"850 {Po} received from acme"), At("856 SHP-20261202-01 sent to acme over folder"), At("acme's acknowledgment of 856 SHP-20261202-01"), At("810 INV-2026-004417 sent to acme over folder"), At("acme's acknowledgment of 810 INV-2026-004417") }, Is.Ordered, "in time order");
            Assert.That(journey["discrepancies"]!.AsArray().Select(d => d!.GetValue<string>()), Is.EqualTo(new[]
            {
                "item SKU-10002: shipped 2 of 3 ordered (short by 1)",
                "item SKU-10002: invoiced at 45, ordered at 41.5 (+8.4%, tolerance 0.5%)",
            }));
            Assert.That(journey["stuck"]!.AsArray().Select(d => d!.GetValue<string>()), Is.EqualTo(new[] { $"810 INV-2026-004417 to acme: rejected by the partner (gateway track show {invoice.Id})" }));
        });
    }

    [Test]
    public async Task The_whole_chain_through_the_warehouse_850_940_945_856_810_with_acknowledgments()
    {
        File.WriteAllText(Path.Combine(_gateway.ProfilesDirectory, "tpl.yaml"), """
            id: tpl
            name: Third-party warehouse
            identities:
              x12:
                - { qualifier: ZZ, id: TPL }
            ourIdentity:
              x12: { qualifier: ZZ, id: DISTRIBUTOR }
            agreements:
              - { standard: x12, version: "004010", document: "945", direction: inbound, endpoint: erp }
              - { standard: x12, version: "004010", document: "940", direction: outbound, transport: folder }
            transports:
              folder: { inbox: folders/tpl/inbox, outbox: folders/tpl/outbox }

            """);
        await TestGateway.WaitUntil(() => _gateway.Services.GetRequiredService<Gateway.Partners.Loading.ProfileReloader>().Current.Find("tpl") is not null, "the 3PL's profile loaded");
        _gateway.Drop(_gateway.InboxOf("acme"), "po.edi", File.ReadAllText(Path.Combine(Corpus.RepositoryRoot(), "samples", "acme-retail-850.edi")));
        await TestGateway.WaitUntil(() => _gateway.Store.QueryDocuments(new DocumentQuery { BusinessReference = Po }).Any(d => d.Status == DocumentStatus.Delivered), "the 850 delivered");

        await PostAsync("940", File.ReadAllText(MapGolden.TestData("event-warehouse-release.json")), "REL-J3", partner: "tpl");
        // The 3PL ships 12 of SKU-10001 and 2 of the 3 cases of SKU-10002.
        _gateway.Drop(_gateway.InboxOf("tpl"), "945.x12", File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "shipments", "tpl-945-cartons.x12")).Replace("PO-SHIP-1", Po, StringComparison.Ordinal));
        await TestGateway.WaitUntil(() => _gateway.Store.OutboundOfOrder(Po).Any(o => o.Kind == "856" && o.Status == "Sent"), "the 856 built from the 945 and sent");
        var shipNotice = _gateway.Store.OutboundOfOrder(Po).Single(o => o.Kind == "856");
        await AcknowledgeAsync(shipNotice, "SH", "AK5*A~\nAK9*A*1*1*1~\n", 811);
        var invoice = await PostAsync("810", Invoice(), "INV-J3");
        await AcknowledgeAsync(invoice, "IN", "AK5*R*5~\nAK9*R*1*1*0~\n", 812);

        var journey = OrderJourney.Of(_gateway.Store, Po, "acme", new OrderSettings(), TimeProvider.System.GetUtcNow())!;

        var steps = journey.Steps.Select(s => (What: System.Text.RegularExpressions.Regex.Replace(s.What, " ORD-[0-9a-f]+$", ""), s.Status)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(steps, Is.SupersetOf(new[]
            {
                ($"850 {Po} received from acme", "Delivered"),
                ("997+TA1 sent to acme", "Sent"),
                ("erp sales-order", "Delivered"),
                ("940 SO-48213 sent to tpl over folder", "Sent"),
                ("945 SO-48213 received from tpl", "Delivered"),
                ("856 SH-77120 sent to acme over folder", "Sent"),
                ("acme's acknowledgment of 856 SH-77120", "Accepted"),
                ("810 INV-2026-004417 sent to acme over folder", "Sent"),
                ("acme's acknowledgment of 810 INV-2026-004417", "Rejected"),
            }));
            Assert.That(journey.Steps.Select(s => s.At), Is.Ordered);
            Assert.That(journey.Discrepancies, Is.EqualTo(new[]
            {
                "item SKU-10002: shipped 2 of 3 ordered (short by 1)",
                "item SKU-10002: invoiced at 45, ordered at 41.5 (+8.4%, tolerance 0.5%)",
            }));
        });
    }

    [Test]
    public async Task An_order_without_a_ship_notice_after_the_agreed_days_is_stuck()
    {
        _gateway.Drop(_gateway.InboxOf("acme"), "po.edi", File.ReadAllText(Path.Combine(Corpus.RepositoryRoot(), "samples", "acme-retail-850.edi")));
        await TestGateway.WaitUntil(() => _gateway.Store.QueryDocuments(new DocumentQuery { BusinessReference = Po }).Any(d => d.Status == DocumentStatus.Delivered), "the 850 delivered");
        var settings = new OrderSettings { ShipNoticeWithinDays = 3 };

        var today = OrderJourney.NeedingAttention(_gateway.Store, settings, TimeProvider.System.GetUtcNow(), 90);
        var later = OrderJourney.NeedingAttention(_gateway.Store, settings, TimeProvider.System.GetUtcNow().AddDays(4), 90);

        Assert.That(today, Is.Empty);
        Assert.That(later.Single().Stuck.Single(), Does.StartWith("no ship notice 4 days after the order (expected within 3)"));
    }

    [Test]
    public async Task The_command_line_shows_the_journey_and_says_when_nothing_needs_a_person()
    {
        _gateway.Drop(_gateway.InboxOf("acme"), "po.edi", File.ReadAllText(Path.Combine(Corpus.RepositoryRoot(), "samples", "acme-retail-850.edi")));
        await TestGateway.WaitUntil(() => _gateway.Store.QueryDocuments(new DocumentQuery { BusinessReference = Po }).Any(d => d.Status == DocumentStatus.Delivered), "the 850 delivered");
        Environment.SetEnvironmentVariable("Gateway__DataDirectory", _gateway.DataDirectory);
        try
        {
            var (showCode, show) = Cli("orders", "show", Po, "--partner", "acme");
            var (unknownCode, _) = Cli("orders", "show", "PO-NOPE");
            var (stuckCode, stuck) = Cli("orders", "stuck");
            var (overdueCode, overdue) = Cli("acks", "overdue");

            Assert.Multiple(() =>
            {
                Assert.That(showCode, Is.Zero);
                Assert.That(show, Does.StartWith($"PO {Po} (acme)").And.Contain($"850 {Po} received from acme").And.Contain("erp sales-order"));
                Assert.That(unknownCode, Is.EqualTo(1));
                Assert.That((stuckCode, stuck.Trim()), Is.EqualTo((0, "No stuck orders and no discrepancies.")));
                Assert.That((overdueCode, overdue.Trim()), Is.EqualTo((0, "No overdue acknowledgments.")));
            });
        }
        finally
        {
            Environment.SetEnvironmentVariable("Gateway__DataDirectory", null);
        }
    }

    private static (int Code, string Output) Cli(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = Gateway.Host.Cli.GatewayCommandLine.Run(args, output, error);
        return (code, output.ToString() + error);
    }

    [Test]
    public async Task An_invoice_for_a_PO_never_received_is_a_discrepancy()
    {
        await PostAsync("810", Invoice(), "INV-J2");

        var journey = OrderJourney.Of(_gateway.Store, Po, null, new OrderSettings(), TimeProvider.System.GetUtcNow())!;

        Assert.That(journey.Discrepancies, Is.EqualTo(new[] { $"invoice INV-2026-004417 is for PO {Po}, which was never received" }));
    }
}
