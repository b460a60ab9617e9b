using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Gateway.Host.Admin.Security;
using Gateway.Host.Tracking;
using Gateway.Tests.Support;

namespace Gateway.Tests.Host;

/// <summary>
/// The partner's 997 settles what we sent: an 856 posted to the outbound API goes out over the folder transport, and
/// the 997 the partner drops back marks it Accepted, or Rejected with the partner's codes in words; the 997 itself is
/// Reconciled and never acknowledged.
/// </summary>
public sealed class AcknowledgmentReconciliationTests
{
    private TestGateway _gateway = null!;

    [SetUp]
    public async Task SetUp()
    {
        _gateway = new TestGateway();
        _gateway.AddX12Partner("acme", "ACME");
        _gateway.UseShippedMaps();
        await _gateway.StartAsync();
    }

    [TearDown]
    public async Task TearDown() => await _gateway.DisposeAsync();

    private async Task<OutboundRecord> SendShipNoticeAsync(string key)
    {
        using var http = _gateway.ApiClient(Role.Operator);
        using var request = new HttpRequestMessage(HttpMethod.Post, _gateway.AdminUrl + "/api/outbound/acme/856")
        {
            Content = new StringContent(File.ReadAllText(MapGolden.TestData("event-shipment-confirmation.json")), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await http.SendAsync(request);
        string id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["trackingId"]!.GetValue<string>();
        await TestGateway.WaitUntil(() => _gateway.Store.FindOutbound(id)?.Status == "Sent", "the 856 sent");
        return _gateway.Store.FindOutbound(id)!;
    }

    private static string FunctionalAck(string groupControlNumber, string body, int interchange) =>
        $"ISA*00*          *00*          *ZZ*ACME           *ZZ*DISTRIBUTOR    *241128*1200*U*00401*{interchange:000000000}*0*P*>~\n"
        + $"GS*FA*ACME*DISTRIBUTOR*20241128*1200*{interchange}*X*004010~\n"
        + $"ST*997*0001~\nAK1*SH*{groupControlNumber}~\n{body}"
        + $"SE*{body.Count(c => c == '\n') + 3}*0001~\nGE*1*{interchange}~\nIEA*1*{interchange:000000000}~\n";

    private async Task<DocumentRecord> DropAsync(string edi, string name)
    {
        _gateway.Drop(_gateway.InboxOf("acme"), name, edi);
        await TestGateway.WaitUntil(() => _gateway.Store.QueryDocuments(new DocumentQuery { Type = "997" }).Any(d => d.Status != DocumentStatus.Parsed && _gateway.Store.FindReceipt(d.ReceiptId)!.OriginalName == name), $"{name} processed");
        return _gateway.Store.QueryDocuments(new DocumentQuery { Type = "997" }).Single(d => _gateway.Store.FindReceipt(d.ReceiptId)!.OriginalName == name);
    }

    [Test]
    public async Task An_accepting_997_marks_the_856_Accepted_and_is_itself_never_acknowledged()
    {
        var sent = await SendShipNoticeAsync("SHP-ACK-1");
        Assert.That(sent.AcknowledgmentDueAt, Is.EqualTo(sent.CreatedAt.AddHours(24)), "the agreement's expectedWithinHours");

        var ack = await DropAsync(FunctionalAck(sent.GroupControlNumber!, $"AK2*856*{sent.DocumentControlNumber}~\nAK5*A~\nAK9*A*1*1*1~\n", 901), "997-accept.edi");

        var settled = _gateway.Store.FindOutbound(sent.Id)!;
        Assert.Multiple(() =>
        {
            Assert.That(ack.Status, Is.EqualTo(DocumentStatus.Reconciled));
            Assert.That(ack.Timeline.Last().Message, Does.Contain($"856 {sent.DocumentControlNumber} ({sent.Id}): Accepted"));
            Assert.That(settled.AcknowledgmentStatus, Is.EqualTo("Accepted"));
            Assert.That(settled.AcknowledgmentReceiptId, Is.EqualTo(ack.ReceiptId));
            Assert.That(settled.Timeline.Last().Step, Is.EqualTo("Accepted"));
            Assert.That(_gateway.Store.OutboundFor(ack.ReceiptId), Is.Empty, "no 997 for a 997");
        });
    }

    [Test]
    public async Task A_rejecting_997_marks_the_856_Rejected_with_the_partners_codes_in_words()
    {
        var sent = await SendShipNoticeAsync("SHP-ACK-2");

        await DropAsync(FunctionalAck(sent.GroupControlNumber!, $"AK2*856*{sent.DocumentControlNumber}~\nAK3*TD5*6**8~\nAK4*2*91*7*ZZ~\nAK5*R*5~\nAK9*R*1*1*0~\n", 902), "997-reject.edi");

        var settled = _gateway.Store.FindOutbound(sent.Id)!;
        Assert.That(settled.AcknowledgmentStatus, Is.EqualTo("Rejected"));
        string errors = string.Join("\n", settled.AcknowledgmentErrors);
        Assert.That(errors, Does.Contain("TD5").And.Contain("invalid code value").And.Contain("ZZ"));
        Assert.That(errors, Does.Contain("5"), "the AK502 code");
    }

    [Test]
    public async Task A_rejecting_TA1_rejects_every_document_of_our_interchange()
    {
        var sent = await SendShipNoticeAsync("SHP-ACK-3");
        string ta1 = "ISA*00*          *00*          *ZZ*ACME           *ZZ*DISTRIBUTOR    *241128*1200*U*00401*000000904*0*P*>~\n"
            + $"TA1*{sent.ControlNumber}*241128*1200*R*025~\nIEA*0*000000904~\n";

        _gateway.Drop(_gateway.InboxOf("acme"), "ta1.edi", ta1);

        await TestGateway.WaitUntil(() => _gateway.Store.FindOutbound(sent.Id)!.AcknowledgmentStatus is not null, "the TA1 reconciled");
        var settled = _gateway.Store.FindOutbound(sent.Id)!;
        Assert.That(settled.AcknowledgmentStatus, Is.EqualTo("Rejected"));
        Assert.That(settled.AcknowledgmentErrors.Single(), Does.StartWith("TA1 025:").And.Contain("uplicate"));
    }

    [Test]
    public async Task A_997_for_a_group_we_never_sent_reconciles_nothing_and_says_so()
    {
        var ack = await DropAsync(FunctionalAck("987654", "AK2*856*0001~\nAK5*A~\nAK9*A*1*1*1~\n", 903), "997-stranger.edi");

        Assert.That(ack.Status, Is.EqualTo(DocumentStatus.Reconciled));
        Assert.That(ack.Timeline.Last().Message, Does.Contain("matches nothing we sent to acme"));
    }
}
