using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Gateway.Host.Admin.Audit;
using Gateway.Host.Admin.Security;
using Gateway.Host.Tracking;
using Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Host.Console;

/// <summary>Issue #10: the documents API over real HTTP with real tokens: search, detail, raw bytes and the audited actions.</summary>
[Category("Integration")]
[NonParallelizable]
public sealed class DocumentApiTests
{
    private TestGateway _gateway = null!;

    [SetUp]
    public void SetUp()
    {
        _gateway = new TestGateway();
        _gateway.AddX12Partner("acme", "ACME");
    }

    [TearDown]
    public async Task TearDown() => await _gateway.DisposeAsync();

    private static async Task<JsonNode> JsonOf(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    [Test]
    public async Task Search_ByPurchaseOrder_FindsTheDocument()
    {
        await _gateway.StartAsync();
        var document = await DocumentFixtures.DropAsync(_gateway, "po.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 301), 301, DocumentStatus.Delivered);
        await DocumentFixtures.DropAsync(_gateway, "other.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 302), 302, DocumentStatus.Delivered);
        using var api = _gateway.ApiClient(Role.Viewer);

        using var response = await api.GetAsync($"/api/documents?reference={DocumentFixtures.Reference(301)}&partner=acme&take=1000");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var json = await JsonOf(response);
        var found = json["documents"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(found.Select(d => d!["id"]!.GetValue<string>()), Is.EqualTo(new[] { document.Id }));
            Assert.That(found[0]!["status"]!.GetValue<string>(), Is.EqualTo("Delivered"));
            Assert.That(json["take"]!.GetValue<int>(), Is.EqualTo(500), "take is capped");
        });
    }

    [Test]
    public async Task Detail_OfAnInvalidDocument_HasTheTimelineAndTheIssuePosition()
    {
        await _gateway.StartAsync();
        var document = await DocumentFixtures.DropAsync(_gateway, "bad.edi", DocumentFixtures.InvalidOrder(303), 303, DocumentStatus.Rejected);
        using var api = _gateway.ApiClient(Role.Viewer);

        using var response = await api.GetAsync($"/api/documents/{document.Id}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var json = await JsonOf(response);
        var issue = json["issues"]!.AsArray().Single(i => i!["segmentTag"]?.GetValue<string>() == "PO1")!;
        Assert.Multiple(() =>
        {
            Assert.That(json["timeline"]!.AsArray().Select(t => t!["step"]!.GetValue<string>()), Does.Contain("Rejected"));
            Assert.That(issue["segmentPosition"]!.GetValue<int>(), Is.EqualTo(8), "ST is 1: PO1 is the 8th segment");
            Assert.That(issue["elementPosition"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(issue["elementName"]!.GetValue<string>(), Is.EqualTo("Quantity Ordered"));
            Assert.That(issue["segmentText"]!.GetValue<string>(), Does.StartWith("PO1*1*ABC*EA"));
            Assert.That(issue["reportedCode"]!.GetValue<string>(), Is.EqualTo("AK3 8, AK4 6"), "what the 997 told the partner");
            Assert.That(json["document"]!["businessReference"]!.GetValue<string>(), Is.EqualTo(DocumentFixtures.Reference(303)));
        });
    }

    [Test]
    public async Task Raw_ReturnsTheArchivedBytesExactly()
    {
        await _gateway.StartAsync();
        string content = GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 304);
        var document = await DocumentFixtures.DropAsync(_gateway, "po.edi", content, 304, DocumentStatus.Delivered);
        using var api = _gateway.ApiClient(Role.Viewer);

        using var response = await api.GetAsync($"/api/documents/{document.Id}/raw");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(Encoding.UTF8.GetBytes(content)));
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/octet-stream"));
            Assert.That(response.Content.Headers.ContentDisposition!.FileName, Does.Contain(document.ReceiptId));
        });
    }

    [Test]
    public async Task Reprocess_OfADeadLetteredDocument_DeliversItOnceAndIsAudited()
    {
        _gateway.Erp.Script(HttpStatusCode.BadRequest);
        await _gateway.StartAsync();
        var document = await DocumentFixtures.DropAsync(_gateway, "po.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 305), 305, DocumentStatus.DeadLettered);
        using var api = _gateway.ApiClient(Role.Operator);

        using var response = await api.PostAsync($"/api/documents/{document.Id}/reprocess", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var json = await JsonOf(response);
        var audit = _gateway.Services.GetRequiredService<AuditLog>().Recent(20).Single(e => e.Action == "reprocess");
        Assert.Multiple(() =>
        {
            Assert.That(json["status"]!.GetValue<string>(), Is.EqualTo("Delivered"), "the answer comes after the delivery");
            Assert.That(_gateway.Store.FindDocument(document.Id)!.Status, Is.EqualTo(DocumentStatus.Delivered));
            Assert.That(_gateway.Erp.Calls, Has.Count.EqualTo(2), "the refused call, then the replay");
            Assert.That(_gateway.Erp.DistinctKeys, Is.EqualTo(1), "one idempotency key: one order");
            Assert.That(audit.Via, Is.EqualTo("api"));
            Assert.That(audit.Target, Is.EqualTo(document.Id));
            Assert.That(audit.Outcome, Is.EqualTo("ok"));
            Assert.That(audit.Actor, Does.StartWith("api-operator"));
        });
    }

    [Test]
    public async Task Reprocess_WithAViewerToken_Is403AndChangesNothing()
    {
        _gateway.Erp.Script(HttpStatusCode.BadRequest);
        await _gateway.StartAsync();
        var document = await DocumentFixtures.DropAsync(_gateway, "po.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 306), 306, DocumentStatus.DeadLettered);
        using var api = _gateway.ApiClient(Role.Viewer);

        using var response = await api.PostAsync($"/api/documents/{document.Id}/reprocess", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(_gateway.Store.FindDocument(document.Id)!.Status, Is.EqualTo(DocumentStatus.DeadLettered));
        Assert.That(_gateway.Erp.Calls, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Actions_AnswerNotFoundAndConflictWithTheReason()
    {
        await _gateway.StartAsync();
        var document = await DocumentFixtures.DropAsync(_gateway, "po.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 307), 307, DocumentStatus.Delivered);
        using var api = _gateway.ApiClient(Role.Operator);

        using var missing = await api.PostAsync("/api/documents/R20260101T000000000-abcdef-1-1/reprocess", null);
        using var delivered = await api.PostAsync($"/api/documents/{document.Id}/replay?from=delivery", null);
        using var badStep = await api.PostAsync($"/api/documents/{document.Id}/replay?from=somewhere", null);
        using var fix = await api.PostAsync($"/api/documents/{document.Id}/fix", new StringContent("""{"body": {"a": 1}}""", Encoding.UTF8, "application/json"));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await JsonOf(missing))["error"]!.GetValue<string>(), Does.Contain("R20260101T000000000-abcdef-1-1"));
            Assert.That(delivered.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That((await JsonOf(delivered))["error"]!.GetValue<string>(), Does.Contain("delivered"));
            Assert.That(badStep.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(fix.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(_gateway.Erp.Calls, Has.Count.EqualTo(1), "nothing sent again");
        });
    }

    [Test]
    public async Task Resend_PutsAnAcknowledgmentBackAndItIsSentAgain()
    {
        await _gateway.StartAsync();
        var document = await DocumentFixtures.DropAsync(_gateway, "po.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 308), 308, DocumentStatus.Delivered);
        OutboundRecord? ack = null;
        await TestGateway.WaitUntil(() => (ack = _gateway.Store.OutboundFor(document.ReceiptId) is [var first, ..] ? first : null) is { Status: "Sent" }, "the 997 sent");
        string file = Path.Combine(_gateway.OutboxOf("acme"), ack!.FileName);
        byte[] written = File.ReadAllBytes(file);
        File.Delete(file);   // the partner picked it up, then lost it
        using var api = _gateway.ApiClient(Role.Operator);

        using var response = await api.PostAsync($"/api/outbound/{ack.Id}/resend", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        await TestGateway.WaitUntil(() => File.Exists(file), "the 997 written again");
        await TestGateway.WaitUntil(() => _gateway.Store.FindOutbound(ack.Id)!.Status == "Sent", "recorded as sent again");
        using var detail = await api.GetAsync($"/api/outbound/{ack.Id}");
        var json = await JsonOf(detail);
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllBytes(file), Is.EqualTo(written), "the same content, the same control number");
            Assert.That(json["timeline"]!.AsArray().Select(t => t!["step"]!.GetValue<string>()), Does.Contain("Resend"));
            Assert.That(json["controlNumber"]!.GetValue<string>(), Is.EqualTo(ack.ControlNumber));
            Assert.That(_gateway.Services.GetRequiredService<AuditLog>().Recent(20).Any(e => e.Action == "resend" && e.Target == ack.Id && e.Via == "api"), Is.True);
        });
    }
}
