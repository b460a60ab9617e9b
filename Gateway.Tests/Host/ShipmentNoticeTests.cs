using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gateway.Edi.Edifact;
using Gateway.Edi.X12;
using Gateway.Host.Admin.Security;
using Gateway.Host.Shipments;
using Gateway.Host.Tracking;
using Gateway.Tests.Support;

namespace Gateway.Tests.Host;

/// <summary>
/// Issue #9, ship notices back: a 3PL's 945 (or a shipment confirmation posted to /api/shipments) becomes a valid 856
/// for the customer whose 850 carried the PO, completed from that 850, with SSCC-18s made for unlabelled cartons.
/// </summary>
public sealed class ShipmentNoticeTests
{
    private const string Prefix = "0614141";

    private TestGateway _gateway = null!;
    private HttpClient _http = null!;

    [SetUp]
    public void SetUp()
    {
        _gateway = new TestGateway();
        _gateway.AddX12Partner("acme", "ACME");
        File.WriteAllText(Path.Combine(_gateway.ProfilesDirectory, "tpl.yaml"), """
            id: tpl
            name: Third-party warehouse
            identities:
              x12:
                - qualifier: ZZ
                  id: TPL
            ourIdentity:
              x12: { qualifier: ZZ, id: DISTRIBUTOR }
            agreements:
              - standard: x12
                version: "004010"
                document: "945"
                direction: inbound
                endpoint: erp
            transports:
              folder: { inbox: folders/tpl/inbox, outbox: folders/tpl/outbox }

            """);
        _gateway.UseShippedMaps();
        _gateway.ExtraArguments.AddRange([
            $"--Gateway:Orders:Gs1CompanyPrefix={Prefix}",
            "--Gateway:Orders:ShipFrom:LocationId=DC-MAIN",
            "--Gateway:Orders:ShipFrom:Name=DISTRIBUTOR MAIN DC",
            "--Gateway:Orders:ShipFrom:City=DAYTON",
        ]);
        _http = _gateway.ApiClient(Role.Operator);
    }

    [TearDown]
    public async Task TearDown()
    {
        _http.Dispose();
        await _gateway.DisposeAsync();
    }

    private static string TestFile(string name) => File.ReadAllText(Path.Combine(Corpus.RepositoryRoot(), "Gateway.Tests", "TestData", "shipments", name));

    private string[] ShipNotices() =>
        [.. _gateway.OutboxFiles("acme").Where(f => File.ReadAllText(f).Contains("ST*856*", StringComparison.Ordinal))];

    private async Task ReceiveOrderAsync()
    {
        _gateway.Drop(_gateway.InboxOf("acme"), "po.x12", TestFile("acme-850.x12"));
        await TestGateway.WaitUntil(
            () => _gateway.Store.QueryDocuments(new DocumentQuery { BusinessReference = "PO-SHIP-1", Type = "850" }).Any(d => d.Status != DocumentStatus.Parsed),
            "the 850 recorded");
    }

    /// <summary>Drops a 945 from the 3PL and returns it once its ShipNotice step is on its timeline.</summary>
    private async Task<DocumentRecord> ReceiveWarehouseAdviceAsync(string file)
    {
        _gateway.Drop(_gateway.InboxOf("tpl"), file, TestFile(file));
        DocumentRecord? advice = null;
        await TestGateway.WaitUntil(
            () => (advice = _gateway.Store.QueryDocuments(new DocumentQuery { Type = "945" }).FirstOrDefault(d => d.Timeline.Any(t => t.Step == "ShipNotice"))) is not null,
            "the 945's ShipNotice step");
        return advice!;
    }

    /// <summary>The one 856 in acme's outbox, checked by our own validator.</summary>
    private async Task<string> SingleValidShipNoticeAsync()
    {
        await TestGateway.WaitUntil(() => ShipNotices().Length > 0, "an 856 in acme's outbox");
        await Task.Delay(300);
        var files = ShipNotices();
        Assert.That(files, Has.Length.EqualTo(1));
        string edi = File.ReadAllText(files[0]);
        var results = new X12Validator().ValidateStream(new MemoryStream(Encoding.ASCII.GetBytes(edi))).ToList();
        Assert.That(results.Single().IsValid, Is.True, string.Join("\n", results.SelectMany(r => r.AllIssues)));
        return edi;
    }

    private static string[] Cartons(string edi) => [.. Regex.Matches(edi, @"MAN\*GM\*(\d+)").Select(m => m.Groups[1].Value)];

    /// <summary>GS1 mod 10 written out again here, so the test does not check the code with itself.</summary>
    private static bool HasGs1CheckDigit(string sscc)
    {
        int sum = 0;
        for (int i = 0; i < 17; i++)
        {
            sum += (sscc[i] - '0') * (i % 2 == 0 ? 3 : 1);   // 17 digits: the first from the left weighs 3
        }
        return sscc[17] - '0' == (10 - (sum % 10)) % 10;
    }

    [Test]
    public async Task A_945_with_cartons_becomes_the_ordering_customers_856_completed_from_the_850()
    {
        await _gateway.StartAsync();
        await ReceiveOrderAsync();
        var advice = await ReceiveWarehouseAdviceAsync("tpl-945-cartons.x12");
        string edi = await SingleValidShipNoticeAsync();
        Assert.Multiple(() =>
        {
            Assert.That(edi, Does.Contain("BSN*00*SH-77120*20261203*"), "W0604 is the shipment id");
            Assert.That(edi, Does.Contain("PRF*PO-SHIP-1***20261128"), "the PO and, from BEG05, its date");
            Assert.That(Cartons(edi), Is.EqualTo(new[] { "000123450000000010", "000123450000000027" }), "the 945's MAN GM, AI 00 removed");
            Assert.That(edi, Does.Contain("LIN*2*BP*ACME-222*VP*SKU-10002").And.Contain("SN1**2*CA"), "line number and buyer part from the PO line of the sku; shipped W1203");
            Assert.That(edi, Does.Contain("LIN*1*BP*ACME-111*VP*SKU-10001*UP*012345678905").And.Contain("SN1**12*EA"));
            Assert.That(edi, Does.Contain("TD5**2*UPSN**UPS GROUND"));
            Assert.That(edi, Does.Contain("REF*CN*1Z999AA10123456784").And.Contain("REF*BM*NWL-BOL-5531"));
            Assert.That(edi, Does.Contain("N1*ST*ACME DC 7*92*0007").And.Not.Contain("ACME STORE 7 RECEIVING"), "the ship-to as the customer ordered it");
            Assert.That(edi, Does.Contain("N1*SF*NORTHWIND 3PL EAST*91*DC-EAST"), "the 945's ship-from");
            Assert.That(advice.Timeline.Single(t => t.Step == "ShipNotice").Message, Does.Match(@"^856 O-[0-9a-f]+ queued for acme \(PO PO-SHIP-1\)$"));
        });
    }

    [Test]
    public async Task Cartons_without_an_SSCC_get_distinct_SSCC_18s_under_our_prefix_with_a_correct_check_digit()
    {
        await _gateway.StartAsync();
        await ReceiveOrderAsync();
        await ReceiveWarehouseAdviceAsync("tpl-945-unlabelled.x12");
        string edi = await SingleValidShipNoticeAsync();
        var cartons = Cartons(edi);
        Assert.Multiple(() =>
        {
            Assert.That(cartons, Has.Length.EqualTo(2), "one per LX loop");
            Assert.That(cartons, Is.Unique);
            Assert.That(cartons, Has.All.Length.EqualTo(18).And.All.StartsWith("0" + Prefix), "extension digit 0, then the prefix");
            Assert.That(cartons.Select(HasGs1CheckDigit), Has.All.True, string.Join(", ", cartons));
            Assert.That(edi, Does.Contain("N1*SF*DISTRIBUTOR MAIN DC*91*DC-MAIN"), "Gateway:Orders:ShipFrom when the 945 names none");
            Assert.That(edi, Does.Contain("REF*CN*PRO-88341207"), "N9 2I when there is no CN");
            Assert.That(edi, Does.Contain("BSN*00*SO-48213*"), "W0602 when W0604 is empty");
        });
    }

    [Test]
    public void An_SSCC_matches_the_GS1_example()
    {
        Assert.That(Sscc.Create(Prefix, 123456789), Is.EqualTo("006141411234567890"));
        Assert.That(Sscc.CheckPrefix("12345"), Does.Contain("7 to 10 digits"));
    }

    [Test]
    public async Task A_shipment_posted_without_ship_to_takes_the_850s_and_is_sent_once_per_key()
    {
        await _gateway.StartAsync();
        await ReceiveOrderAsync();
        string shipment = TestFile("shipment-event.json");
        Assert.That(JsonNode.Parse(shipment)!["shipTo"], Is.Null, "the event lacks shipTo");
        using var first = await PostAsync(shipment, "SHP-20261203-07");
        using var second = await PostAsync(shipment, "SHP-20261203-07");
        var firstBody = await first.Content.ReadFromJsonAsync<JsonObject>();
        var secondBody = await second.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), firstBody?.ToJsonString());
            Assert.That(firstBody!["partnerId"]!.GetValue<string>(), Is.EqualTo("acme"));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(secondBody!["trackingId"]!.GetValue<string>(), Is.EqualTo(firstBody["trackingId"]!.GetValue<string>()));
        });
        string edi = await SingleValidShipNoticeAsync();
        Assert.Multiple(() =>
        {
            Assert.That(edi, Does.Contain("N1*ST*ACME DC 7*92*0007"));
            Assert.That(edi, Does.Contain("N4*SPRINGFIELD*IL*62701*US"));
            Assert.That(edi, Does.Contain("PRF*PO-SHIP-1***20261128"));
            Assert.That(edi, Does.Contain("LIN*2*BP*ACME-222*VP*SKU-10002"));
        });
    }

    [Test]
    public async Task A_shipment_for_an_EDIFACT_order_becomes_a_DESADV_with_the_ORDERS_delivery_party_and_lines()
    {
        File.WriteAllText(Path.Combine(_gateway.ProfilesDirectory, "europa.yaml"), """
            id: europa
            name: Europa Handel
            identities:
              edifact:
                - id: "9520001000010"
                  qualifier: "14"
            ourIdentity:
              edifact: { id: "9520001000997", qualifier: "14" }
            agreements:
              - standard: edifact
                version: D96A
                document: ORDERS
                direction: inbound
                endpoint: erp
              - standard: edifact
                version: D96A
                document: DESADV
                direction: outbound
                transport: folder
            transports:
              folder: { inbox: folders/europa/inbox, outbox: folders/europa/outbox }

            """);
        await _gateway.StartAsync();
        _gateway.Drop(_gateway.InboxOf("europa"), "orders.edi", TestFile("europa-orders.edi"));
        await TestGateway.WaitUntil(
            () => _gateway.Store.QueryDocuments(new DocumentQuery { BusinessReference = "EH-PO-9", Type = "ORDERS" }).Any(d => d.Status != DocumentStatus.Parsed),
            "the ORDERS recorded");
        var shipment = JsonNode.Parse(TestFile("shipment-event.json"))!.AsObject();
        shipment["purchaseOrder"] = "EH-PO-9";
        using var answer = await PostAsync(shipment.ToJsonString(), "SHP-EH-9");
        var body = await answer.Content.ReadFromJsonAsync<JsonObject>();
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), body?.ToJsonString());
        Assert.That(body!["documentType"]!.GetValue<string>(), Is.EqualTo("DESADV"));

        string[] Despatches() => [.. _gateway.OutboxFiles("europa").Where(f => File.ReadAllText(f, Encoding.Latin1).Contains("DESADV:D:96A", StringComparison.Ordinal))];
        await TestGateway.WaitUntil(() => Despatches().Length > 0, "a DESADV in europa's outbox");
        string edi = File.ReadAllText(Despatches().Single(), Encoding.Latin1);
        var results = new EdifactValidator().ValidateStream(new MemoryStream(Encoding.Latin1.GetBytes(edi))).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(results.Single().IsValid, Is.True, string.Join("\n", results.SelectMany(r => r.AllIssues)));
            Assert.That(edi, Does.Contain("RFF+ON:EH-PO-9'").And.Contain("DTM+171:20261128:102'"), "the PO and, from DTM 137, its date");
            Assert.That(edi, Does.Contain("NAD+DP+4098765000028::9++EUROPAHANDEL ZENTRALLAGER+Industriestrasse 12:Tor 4+Muenchen+BY+80939+DE'"));
            Assert.That(edi, Does.Contain("LIN+2'").And.Contain("PIA+5+SKU-10002:SA+EH-778813:IN'"), "line number and buyer part (PIA IN) of the ORDERS line");
            Assert.That(edi, Does.Contain("LIN+1++012345678905:EN'"));
        });
    }

    [Test]
    public async Task The_API_refuses_a_body_that_is_not_an_object_and_a_PO_nobody_sent()
    {
        await _gateway.StartAsync();
        using var notAnObject = await PostAsync("[1, 2]", null);
        var unknown = JsonNode.Parse(TestFile("shipment-event.json"))!.AsObject();
        unknown["purchaseOrder"] = "PO-NOBODY";
        using var unknownPo = await PostAsync(unknown.ToJsonString(), "SHP-X");
        Assert.Multiple(async () =>
        {
            Assert.That(notAnObject.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(unknownPo.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(await unknownPo.Content.ReadAsStringAsync(), Does.Contain("no purchase order PO-NOBODY was received from any partner"));
        });
    }

    [Test]
    public async Task A_customer_without_a_ship_notice_agreement_is_named_with_what_to_add()
    {
        File.WriteAllText(Path.Combine(_gateway.ProfilesDirectory, "acme.yaml"),
            ProfileTexts.X12Partner("acme", "ACME").Replace("document: \"856\"", "document: \"810\"", StringComparison.Ordinal));
        await _gateway.StartAsync();
        await ReceiveOrderAsync();
        var advice = await ReceiveWarehouseAdviceAsync("tpl-945-cartons.x12");
        Assert.That(advice.Timeline.Single(t => t.Step == "ShipNotice").Message,
            Does.Contain("acme has no outbound agreement for ship notices").And.Contain("partner-profiles/acme.yaml"));
    }

    [Test]
    public async Task A_945_for_a_PO_never_received_sends_nothing_and_says_why_on_its_timeline()
    {
        await _gateway.StartAsync();
        var advice = await ReceiveWarehouseAdviceAsync("tpl-945-unknown-po.x12");
        Assert.That(advice.Timeline.Single(t => t.Step == "ShipNotice").Message,
            Does.StartWith("no ship notice (PO PO-NEVER-SENT)").And.Contain("no purchase order PO-NEVER-SENT was received from any partner"));
        await TestGateway.WaitUntil(() => _gateway.Store.FindDocument(advice.Id)!.Status == DocumentStatus.Delivered, "the 945 still delivered to the ERP");
        Assert.That(ShipNotices(), Is.Empty);
    }

    [Test]
    public async Task Without_a_GS1_prefix_an_unlabelled_carton_is_a_problem_not_a_made_up_id()
    {
        _gateway.ExtraArguments.RemoveAll(a => a.Contains("Gs1CompanyPrefix", StringComparison.Ordinal));
        await _gateway.StartAsync();
        await ReceiveOrderAsync();
        var advice = await ReceiveWarehouseAdviceAsync("tpl-945-unlabelled.x12");
        Assert.That(advice.Timeline.Single(t => t.Step == "ShipNotice").Message,
            Does.Contain("packages[0].sscc").And.Contain("Gateway:Orders:Gs1CompanyPrefix is not set"));
        await Task.Delay(300);
        Assert.That(ShipNotices(), Is.Empty);
    }

    private Task<HttpResponseMessage> PostAsync(string json, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _gateway.AdminUrl + "/api/shipments") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return _http.SendAsync(request);
    }
}
