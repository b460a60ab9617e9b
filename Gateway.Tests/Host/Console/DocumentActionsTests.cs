using System.Net;
using System.Text.Json.Nodes;
using Gateway.Host.Operations;
using Gateway.Host.Tracking;
using Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Host.Console;

/// <summary>Issue #10: the support actions shared by console, API and CLI, on a running gateway: what each does, and what each refuses.</summary>
[Category("Integration")]
[NonParallelizable]
public sealed class DocumentActionsTests
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

    private DocumentActions Actions => _gateway.Services.GetRequiredService<DocumentActions>();

    [Test]
    public async Task ReplayFromDelivery_OfADeadLetteredDocument_SendsTheFailedCallAgainWithItsKey()
    {
        _gateway.Erp.Script(HttpStatusCode.BadRequest);
        await _gateway.StartAsync();
        var document = await DocumentFixtures.DropAsync(_gateway, "po.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 401), 401, DocumentStatus.DeadLettered);

        var result = await Actions.ReplayFromAsync(document.Id, ReplayStep.Delivery, "tester", CancellationToken.None);

        var after = _gateway.Store.FindDocument(document.Id)!;
        Assert.Multiple(() =>
        {
            Assert.That(result.Outcome, Is.EqualTo(DocumentActionOutcome.Done), result.Message);
            Assert.That(result.Status, Is.EqualTo("Delivered"));
            Assert.That(after.Status, Is.EqualTo(DocumentStatus.Delivered));
            Assert.That(_gateway.Erp.DistinctKeys, Is.EqualTo(1));
            Assert.That(after.Timeline.Any(t => t.Step == "Replay" && t.Message.Contains("tester", StringComparison.Ordinal)), Is.True);
        });

        var again = await Actions.ReplayFromAsync(document.Id, ReplayStep.Map, "tester", CancellationToken.None);
        Assert.That(again.Outcome, Is.EqualTo(DocumentActionOutcome.NotApplicable), "a delivered document has nothing to replay");
        Assert.That(_gateway.Erp.Calls, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task FixAndReplay_SendsTheCorrectedBodyOnceUnderTheSameKey_AndRefusesOnceDelivered()
    {
        _gateway.Erp.Script(HttpStatusCode.BadRequest);
        await _gateway.StartAsync();
        var document = await DocumentFixtures.DropAsync(_gateway, "po.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 402), 402, DocumentStatus.DeadLettered);

        var unknown = await Actions.FixAndReplayAsync(document.Id, "no-such-call", new JsonObject { ["x"] = 1 }, "tester", CancellationToken.None);
        var fixedResult = await Actions.FixAndReplayAsync(document.Id, null, new JsonObject { ["corrected"] = "by support" }, "tester", CancellationToken.None);
        var late = await Actions.FixAndReplayAsync(document.Id, null, new JsonObject { ["corrected"] = "twice" }, "tester", CancellationToken.None);

        var calls = _gateway.Erp.Calls.ToList();
        Assert.Multiple(() =>
        {
            Assert.That(unknown.Outcome, Is.EqualTo(DocumentActionOutcome.NotApplicable));
            Assert.That(unknown.Message, Does.Contain("document"), "names the calls it has");
            Assert.That(fixedResult.Outcome, Is.EqualTo(DocumentActionOutcome.Done), fixedResult.Message);
            Assert.That(calls, Has.Count.EqualTo(2));
            Assert.That(calls[1].Body, Does.Contain("by support"));
            Assert.That(calls[1].Key, Is.EqualTo(calls[0].Key));
            Assert.That(late.Outcome, Is.EqualTo(DocumentActionOutcome.NotApplicable));
            Assert.That(_gateway.Store.FindDocument(document.Id)!.Timeline.Select(t => t.Step), Does.Contain("Corrected"));
        });
    }

    [Test]
    public async Task ReplayFromParse_RunsTheReceiptAgain_AndADeliveredDocumentStaysDelivered()
    {
        await _gateway.StartAsync();
        var document = await DocumentFixtures.DropAsync(_gateway, "po.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 403), 403, DocumentStatus.Delivered);

        var result = await Actions.ReplayFromAsync(document.Id, ReplayStep.Parse, "tester", CancellationToken.None);

        Assert.That(result.Outcome, Is.EqualTo(DocumentActionOutcome.Done), result.Message);
        await TestGateway.WaitUntil(() => _gateway.Store.FindDocument(document.Id)!.Timeline.Any(t => t.Message.Contains("already delivered", StringComparison.Ordinal)), "the receipt run again");
        Assert.That(_gateway.Store.FindReceipt(document.ReceiptId)!.Timeline.Select(t => t.Step), Does.Contain("Reprocess"));
        Assert.That(_gateway.Erp.DistinctKeys, Is.EqualTo(1));
    }

    [Test]
    public async Task ReprocessAndResend_UnknownOrQueued_AreRefused()
    {
        await _gateway.StartAsync();

        var reprocess = await Actions.ReprocessAsync("R20260101T000000000-abcdef-1-1", "tester", CancellationToken.None);
        var resend = Actions.Resend("no-such-outbound", "tester");
        _gateway.Store.Save(new OutboundRecord { Id = "O-queued", PartnerId = "nobody", Kind = "997", Transport = "as2", FileName = "x.edi", ControlNumber = "1", Status = "Queued" });
        var queued = Actions.Resend("O-queued", "tester");

        Assert.Multiple(() =>
        {
            Assert.That(reprocess.Outcome, Is.EqualTo(DocumentActionOutcome.NotFound));
            Assert.That(resend.Outcome, Is.EqualTo(DocumentActionOutcome.NotFound));
            Assert.That(queued.Outcome, Is.EqualTo(DocumentActionOutcome.NotApplicable));
            Assert.That(queued.Message, Does.Contain("already queued"));
        });
    }
}
