using System.Net;
using Gateway.Host.Configuration;
using Gateway.Host.Intake;
using Gateway.Host.Jobs;
using Gateway.Host.Tracking;
using Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Host;

/// <summary>The running service, in-process: folder intake → pipeline → acknowledgment in the outbox → back-end call, tracked at each step.</summary>
[Category("Integration")]
public class GatewayServiceTests
{
    private TestGateway _gateway = null!;

    [SetUp]
    public void CreateGateway()
    {
        _gateway = new TestGateway();
        _gateway.AddX12Partner("acme", "ACME");
    }

    [TearDown]
    public async Task DisposeGateway() => await _gateway.DisposeAsync();

    [Test]
    public async Task DroppedOrder_IsAcknowledgedDeliveredOnceAndTracked()
    {
        await _gateway.StartAsync();
        _gateway.Drop(_gateway.InboxOf("acme"), "po.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 501, sets: 3));

        await TestGateway.WaitUntil(() => Documents().Count(d => d.Status == DocumentStatus.Delivered) == 3, "3 documents delivered");
        await TestGateway.WaitUntil(() => _gateway.OutboxFiles("acme").Length == 1, "the 997 in the outbox");

        string ack = File.ReadAllText(_gateway.OutboxFiles("acme").Single());
        Assert.Multiple(() =>
        {
            Assert.That(ack, Does.Contain("ST*997*").And.Contain("AK1*PO*501~").And.Contain("AK9*A*3*3*3~"));
            Assert.That(ack, Does.StartWith("ISA*00*          *00*          *ZZ*DISTRIBUTOR    *ZZ*ACME           *"));
            Assert.That(_gateway.Erp.Calls.Select(c => c.Key).Distinct().Count(), Is.EqualTo(3));
            Assert.That(_gateway.Erp.Calls, Has.Count.EqualTo(3));
            Assert.That(Documents().Select(d => d.BusinessReference), Is.EquivalentTo(new[] { "501-PO000001", "501-PO000002", "501-PO000003" }));
            Assert.That(Directory.GetFiles(_gateway.InboxOf("acme")), Is.Empty, "picked-up file left the inbox");
            Assert.That(Documents()[0].Timeline.Select(t => t.Step), Is.EqualTo(new[] { "Validated", "Acknowledged", "Mapped", "Delivered" }));
        });
    }

    [Test]
    public async Task SameInterchangeTwice_SecondIsDuplicateWithTa1025AndNotDelivered()
    {
        await _gateway.StartAsync();
        string order = GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 777);
        _gateway.Drop(_gateway.InboxOf("acme"), "first.edi", order);
        await TestGateway.WaitUntil(() => Documents().Any(d => d.Status == DocumentStatus.Delivered), "first delivered");
        _gateway.Drop(_gateway.InboxOf("acme"), "again.edi", order);
        await TestGateway.WaitUntil(() => Documents().Any(d => d.Status == DocumentStatus.Duplicate), "second marked duplicate");
        await TestGateway.WaitUntil(() => _gateway.OutboxFiles("acme").Length == 2, "an answer to the duplicate");

        string ta1 = _gateway.OutboxFiles("acme").Select(File.ReadAllText).Single(a => !a.Contains("ST*997*", StringComparison.Ordinal));
        Assert.That(ta1, Does.Contain("TA1*000000777*").And.Contain("*R*025~"));
        Assert.That(_gateway.Erp.Calls, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task UnknownSender_IsQuarantinedWithoutAcknowledgment()
    {
        await _gateway.StartAsync();
        _gateway.Drop(Path.Combine(_gateway.DataDirectory, "inbox"), "stranger.edi", GatewayFiles.X12Orders("STRANGER", "DISTRIBUTOR", 9));
        await TestGateway.WaitUntil(() => Documents().Any(d => d.Status == DocumentStatus.Quarantined), "quarantined");
        var document = Documents().Single();
        Assert.Multiple(() =>
        {
            Assert.That(document.PartnerId, Is.Null);
            Assert.That(document.Timeline.Single().Message, Does.Contain("ZZ:STRANGER").And.Contain("identities.x12"));
            Assert.That(_gateway.Store.OutboundFor(document.ReceiptId), Is.Empty);
            Assert.That(_gateway.Erp.Calls, Is.Empty);
        });
    }

    [Test]
    public async Task NotEdi_IsTrackedAsRejectedWithTheReason()
    {
        await _gateway.StartAsync();
        _gateway.Drop(_gateway.InboxOf("acme"), "notes.txt", "Dear supplier, please find attached...");
        await TestGateway.WaitUntil(() => Documents().Count > 0, "tracked");
        var document = Documents().Single();
        Assert.That(document.Status, Is.EqualTo(DocumentStatus.Rejected));
        Assert.That(document.Issues.Single(), Does.Contain("neither an X12 interchange"));
    }

    [Test]
    public async Task BackEndDownThenUp_RetriesWithTheSameKeyUntilDelivered()
    {
        _gateway.Erp.Script(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable);
        await _gateway.StartAsync();
        _gateway.Drop(_gateway.InboxOf("acme"), "po.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 42));
        await TestGateway.WaitUntil(() => Documents().Any(d => d.Status == DocumentStatus.Delivered), "delivered after retries");
        var document = Documents().Single();
        Assert.Multiple(() =>
        {
            Assert.That(document.Attempts, Is.EqualTo(3));
            Assert.That(_gateway.Erp.Calls.Select(c => c.Key).Distinct().Single(), Is.EqualTo(document.Calls.Single().IdempotencyKey));
            Assert.That(document.Calls.Single().IdempotencyKey, Does.StartWith(document.IdempotencyKey!));
            Assert.That(document.Timeline.Count(t => t.Step == "Retrying"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task BackEndFailsWith503AndTimeouts_QuickRetriesCreateExactlyOneOrder()
    {
        _gateway.Erp.Script(HttpStatusCode.ServiceUnavailable, LoopbackBackend.NoAnswer, HttpStatusCode.ServiceUnavailable);
        await _gateway.StartAsync(quickRetries: 3, timeoutSeconds: 1);
        _gateway.Drop(_gateway.InboxOf("acme"), "po.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 44));
        await TestGateway.WaitUntil(() => Documents().Any(d => d.Status == DocumentStatus.Delivered), "delivered within one round");
        var document = Documents().Single();
        var call = document.Calls.Single();
        Assert.Multiple(() =>
        {
            Assert.That(_gateway.Erp.Calls, Has.Count.EqualTo(4), "503, no answer in time, 503, then 201");
            Assert.That(_gateway.Erp.DistinctKeys, Is.EqualTo(1), "every attempt carried the same key: one order");
            Assert.That(_gateway.Erp.Calls.First().Key, Is.EqualTo(call.IdempotencyKey));
            Assert.That(document.Attempts, Is.EqualTo(1));
            Assert.That(call.Status, Is.EqualTo(BackendCallStatus.Delivered));
            Assert.That(call.BackendId, Does.StartWith("ORD-"));
            Assert.That(document.Timeline.Any(t => t.Step == "Retrying"), Is.False);
        });
    }

    [Test]
    public async Task BackEndRefuses_DeadLettersThenReprocessDelivers()
    {
        _gateway.Erp.Script(HttpStatusCode.BadRequest);
        await _gateway.StartAsync();
        _gateway.Drop(_gateway.InboxOf("acme"), "po.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 43));
        await TestGateway.WaitUntil(() => Documents().Any(d => d.Status == DocumentStatus.DeadLettered), "dead-lettered");
        var document = Documents().Single();
        Assert.That(document.Timeline.Last().Message, Does.Contain("400").And.Contain($"gateway track reprocess {document.Id}"));

        Environment.SetEnvironmentVariable("Gateway__DataDirectory", _gateway.DataDirectory);
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            int code = Gateway.Host.Cli.GatewayCommandLine.Run(["track", "reprocess", document.Id], output, error);
            Assert.That(code, Is.Zero, error.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("Gateway__DataDirectory", null);
        }
        await TestGateway.WaitUntil(() => Documents().Any(d => d.Status == DocumentStatus.Delivered), "delivered after reprocess");
        Assert.That(_gateway.Erp.Calls.Select(c => c.Key).Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task FileStillGrowing_IsNotTakenUntilItStopsChanging()
    {
        // A file counts as complete once unchanged across one poll interval: the writer here adds to it ten times as often.
        await _gateway.StartAsync(pollMilliseconds: 600);
        string inbox = _gateway.InboxOf("acme");
        Directory.CreateDirectory(inbox);
        string order = GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 55);
        string path = Path.Combine(inbox, "slow.edi");
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite))
        {
            for (int i = 0; i < order.Length; i += 40)
            {
                stream.Write(System.Text.Encoding.ASCII.GetBytes(order[i..Math.Min(order.Length, i + 40)]));
                stream.Flush();
                await Task.Delay(60);
            }
        }
        await TestGateway.WaitUntil(() => Documents().Any(d => d.Status == DocumentStatus.Delivered), "delivered");
        Assert.That(Documents().Where(d => d.Status == DocumentStatus.Rejected), Is.Empty, "a partial file was taken");
    }

    [Test]
    [Platform("Linux")]
    public async Task FileRenamedIntoTheInbox_IsTakenAtOnce_WithoutWaitingForTheNextPoll()
    {
        // Looks a minute apart: within the wait below, only the rename, heard as it happens, can bring the file in.
        await _gateway.StartAsync(pollMilliseconds: 60_000);
        string inbox = _gateway.InboxOf("acme");
        await TestGateway.WaitUntil(() => Directory.Exists(inbox), "the first look made the inbox");
        await Task.Delay(1_000);   // the first look watches the inbox right after making it
        _gateway.Drop(inbox, "po.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 56));

        await TestGateway.WaitUntil(() => Documents().Any(d => d.Status == DocumentStatus.Delivered), "delivered", seconds: 20);
        Assert.That(Directory.GetFiles(inbox), Is.Empty);
    }

    [Test]
    public async Task EachDocument_HasALineInTheJsonLog_WithItsTrackingId_WhileTheGatewayRuns()
    {
        await _gateway.StartAsync(overrides: "--Serilog:MinimumLevel:Default=Information");
        _gateway.Drop(_gateway.InboxOf("acme"), "po.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 73));
        await TestGateway.WaitUntil(() => Documents().Any(d => d.Status == DocumentStatus.Delivered), "delivered");
        string id = Documents().Single().Id;

        // The log is written on a background thread in blocks, flushed every second: someone following it sees the
        // line while the gateway runs, not when it stops.
        await TestGateway.WaitUntil(() => _gateway.JsonLogLines().Any(l => l.Contains($"\"TrackingId\":\"{id}\"", StringComparison.Ordinal) && l.Contains("is {Status}", StringComparison.Ordinal)),
            "the document's line in the JSON log", seconds: 10);
        Assert.That(_gateway.JsonLogLines().Where(l => l.Contains(id, StringComparison.Ordinal)), Has.All.Contains("\"TrackingId\":"), "every line about the document carries a tracking id");
    }

    [Test]
    public async Task TemporaryAndHiddenNames_AreLeftInTheInbox_WhetherRenamedInOrSeenTwice()
    {
        await _gateway.StartAsync();
        string inbox = _gateway.InboxOf("acme");
        string order = GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 57);
        foreach (string name in new[] { "po.tmp", "po.part", ".po.edi" })
        {
            _gateway.Drop(inbox, name, order);
        }
        _gateway.Drop(inbox, "po.edi", order);

        await TestGateway.WaitUntil(() => Documents().Any(d => d.Status == DocumentStatus.Delivered), "the real file delivered");
        await Task.Delay(500);   // five more polls: time for a second look at the others
        Assert.Multiple(() =>
        {
            Assert.That(Directory.GetFiles(inbox).Select(Path.GetFileName), Is.EquivalentTo(new[] { "po.tmp", "po.part", ".po.edi" }));
            Assert.That(Documents(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Restart_LosingTheTrackingDatabase_RebuildsReceiptsFromTheArchive()
    {
        await _gateway.StartAsync();
        _gateway.Drop(_gateway.InboxOf("acme"), "po.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 61));
        await TestGateway.WaitUntil(() => Documents().Any(d => d.Status == DocumentStatus.Delivered), "delivered");
        await _gateway.StopAsync();
        File.Delete(Path.Combine(_gateway.DataDirectory, "tracking.db"));

        await _gateway.StartAsync();
        await TestGateway.WaitUntil(() => Documents().Any(d => d.Status is DocumentStatus.Delivered or DocumentStatus.Duplicate), "rebuilt and processed");
        var receipt = _gateway.Store.FindReceipt(Documents().Single().ReceiptId)!;
        Assert.That(receipt.Timeline[0].Message, Does.Contain("rebuilt from the archive"));
        Assert.That(_gateway.Erp.DistinctKeys, Is.EqualTo(1), "the same key, so the ERP created one order");
    }

    [Test]
    public async Task EdifactOrders_GetAContrlAndAreDelivered()
    {
        File.WriteAllText(Path.Combine(_gateway.ProfilesDirectory, "europa.yaml"),
            ProfileTexts.EdifactPartner("europa", "4012345000009").Replace("    direction: inbound\n", "    direction: inbound\n    endpoint: erp\n    acknowledgments: { contrl: always }\n", StringComparison.Ordinal));
        await _gateway.StartAsync();
        string orders = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "edifact", "ORDERS", "sample-orders.edi"))
            .Replace("UNB+UNOC:3+5412345000013:14+5498765000012:14+", "UNB+UNOC:3+4012345000009:14+4000000000001:14+", StringComparison.Ordinal);
        _gateway.Drop(Path.Combine(_gateway.DataDirectory, "inbox"), "orders.edi", orders);
        await TestGateway.WaitUntil(() => Documents().Any(d => d.Status == DocumentStatus.Delivered), "delivered");
        await TestGateway.WaitUntil(() => _gateway.OutboxFiles("europa").Length == 1, "the CONTRL");
        var document = Documents().Single();
        string contrl = File.ReadAllText(_gateway.OutboxFiles("europa").Single());
        Assert.Multiple(() =>
        {
            Assert.That(document.PartnerId, Is.EqualTo("europa"));
            Assert.That(document.Type, Is.EqualTo("ORDERS"));
            Assert.That(document.BusinessReference, Is.EqualTo("PO-778812"));
            Assert.That(contrl, Does.Contain("UNH+").And.Contain("CONTRL:").And.Contain("UCI+ORD0001+4012345000009:14+4000000000001:14+7'"));
            Assert.That(_gateway.Erp.Calls.Single().Body, Does.Contain("\"type\":\"ORDERS\""));
        });
    }

    [Test]
    public async Task EdifactInterchangeTwice_SecondIsDuplicateWithContrl26()
    {
        File.WriteAllText(Path.Combine(_gateway.ProfilesDirectory, "europa.yaml"),
            ProfileTexts.EdifactPartner("europa", "4012345000009").Replace("    direction: inbound\n", "    direction: inbound\n    endpoint: erp\n", StringComparison.Ordinal));
        await _gateway.StartAsync();
        string orders = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "edifact", "ORDERS", "sample-orders.edi"))
            .Replace("UNB+UNOC:3+5412345000013:14+5498765000012:14+", "UNB+UNOC:3+4012345000009:14+4000000000001:14+", StringComparison.Ordinal);
        _gateway.Drop(Path.Combine(_gateway.DataDirectory, "inbox"), "first.edi", orders);
        await TestGateway.WaitUntil(() => Documents().Any(d => d.Status == DocumentStatus.Delivered), "first delivered");
        _gateway.Drop(Path.Combine(_gateway.DataDirectory, "inbox"), "again.edi", orders);
        await TestGateway.WaitUntil(() => Documents().Any(d => d.Status == DocumentStatus.Duplicate), "second marked duplicate");
        // UNB09 asks for a CONTRL: one answers the first interchange, one rejects the repeat.
        await TestGateway.WaitUntil(() => _gateway.OutboxFiles("europa").Length == 2, "a CONTRL for each");

        var contrls = _gateway.OutboxFiles("europa").Select(File.ReadAllText).ToList();
        Assert.That(contrls, Has.Some.Contains("UCI+ORD0001+4012345000009:14+4000000000001:14+4+26+UNB+6'"), "rejected (4), duplicate (26), at UNB 0020 (position 6, the tag counting as 1)");
        Assert.That(_gateway.Erp.Calls, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ReceiptThatFailsOnce_IsTriedAgain_AndFinishesWithoutAPerson()
    {
        string receiptId = await StartWithOneDeliveredOrderAsync(72);
        // A passing fault: the archived file is away for a moment while the receipt is reprocessed.
        string archived = ArchivedFileOf(receiptId);
        File.Move(archived, archived + ".away");
        RequestReprocess(receiptId);
        await TestGateway.WaitUntil(() => Steps(receiptId).Contains("Retry"), "the first failure noted on the receipt");
        File.Move(archived + ".away", archived);

        await TestGateway.WaitUntil(() => Steps(receiptId).SkipWhile(s => s != "Retry").Contains("Done"), "finished at the second try", seconds: 30);
        Assert.Multiple(() =>
        {
            Assert.That(_gateway.Store.FindReceipt(receiptId)!.Timeline.Single(t => t.Step == "Retry").Message, Does.Contain("FileNotFoundException").And.Contain("trying once more"));
            Assert.That(Steps(receiptId), Does.Not.Contain("Failed"));
            Assert.That(Documents().Select(d => d.Status), Is.EqualTo(new[] { DocumentStatus.Delivered }), "no dead-lettered receipt for a person");
        });
    }

    [Test]
    public async Task ReceiptThatCannotBeProcessed_IsDeadLetteredForAPersonNotRetriedBlindly()
    {
        string receiptId = await StartWithOneDeliveredOrderAsync(71);
        File.Delete(ArchivedFileOf(receiptId));
        RequestReprocess(receiptId);

        await TestGateway.WaitUntil(() => Documents().Any(d => d.Status == DocumentStatus.DeadLettered), "dead-lettered after its one retry", seconds: 30);
        var failed = Documents().Single(d => d.Status == DocumentStatus.DeadLettered);
        Assert.Multiple(() =>
        {
            Assert.That(Steps(receiptId).SkipWhile(s => s != "Reprocess"), Is.EqualTo(new[] { "Reprocess", "Retry", "Failed" }), "tried once more, then left for a person");
            Assert.That(failed.Type, Is.EqualTo("(failed)"));
            Assert.That(failed.Issues.Single(), Does.Contain("FileNotFoundException").And.Contain($"gateway track reprocess {receiptId}"));
            Assert.That(_gateway.Store.FindReceipt(receiptId)!.Stage, Is.EqualTo(ReceiptStage.Done));
            Assert.That(Documents().Count(d => d.Status == DocumentStatus.Delivered), Is.EqualTo(1), "what was delivered stays delivered");
        });
    }

    // The receipt of one 850, delivered: what the retry tests then make fail.
    private async Task<string> StartWithOneDeliveredOrderAsync(int controlNumber)
    {
        await _gateway.StartAsync();
        _gateway.Drop(_gateway.InboxOf("acme"), "po.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", controlNumber));
        await TestGateway.WaitUntil(() => Documents().Any(d => d.Status == DocumentStatus.Delivered), "delivered");
        return Documents().Single().ReceiptId;
    }

    private string ArchivedFileOf(string receiptId) => _gateway.Services.GetRequiredService<RawArchive>().PathOf(receiptId);

    // What gateway track reprocess ID does while the service runs.
    private void RequestReprocess(string receiptId)
    {
        string requests = ReprocessRequestJob.RequestsDirectory(_gateway.Services.GetRequiredService<GatewaySettings>());
        Directory.CreateDirectory(requests);
        File.WriteAllText(Path.Combine(requests, receiptId + ReprocessRequestJob.Suffix), "");
    }

    private List<string> Steps(string receiptId) => [.. _gateway.Store.FindReceipt(receiptId)!.Timeline.Select(t => t.Step)];

    private List<DocumentRecord> Documents() => _gateway.Store.QueryDocuments(new DocumentQuery()).ToList();
}
