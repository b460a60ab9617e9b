using System.Text.RegularExpressions;
using Gateway.Host.Pipeline;
using Gateway.Host.Tracking;
using Gateway.Tests.Support;

namespace Gateway.Tests.Host;

/// <summary>
/// SIGKILL at each named point of intake, pipeline, acknowledgment and delivery while files arrive, then a restart:
/// every document present once, delivered exactly once (one idempotency key per order at the ERP), and no
/// acknowledgment for anything that was not durably received.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public class CrashConsistencyTests
{
    private const int Files = 6;

    [TestCase("after-archive")]
    [TestCase("after-receipt-record")]
    [TestCase("before-source-ack")]
    [TestCase("after-parse-commit")]
    [TestCase("after-outbound-written")]
    [TestCase("before-delivery")]
    [TestCase("after-delivery")]
    public async Task KilledAtPoint_RestartDeliversEverythingExactlyOnce(string point)
    {
        await using var gateway = new TestGateway();
        gateway.AddX12Partner("acme", "ACME");
        int[] numbers = Enumerable.Range(1001, Files).ToArray();

        // The second time: intake points count batches, and files arriving close together may share one.
        using (var doomed = GatewayChild.Start(gateway, crashAt: $"{point}:2"))
        {
            foreach (int number in numbers)
            {
                string name = $"po-{number}.edi";
                gateway.Drop(gateway.InboxOf("acme"), name, GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", number));
                // Each file its own intake batch: wait until it is taken (or the gateway died), however slow a busy CI core makes the start.
                var taken = System.Diagnostics.Stopwatch.StartNew();
                while (File.Exists(Path.Combine(gateway.InboxOf("acme"), name)) && !doomed.HasExited && taken.Elapsed < TimeSpan.FromSeconds(30))
                {
                    await Task.Delay(20);
                }
                await Task.Delay(50);
            }
            Assert.That(await doomed.WaitForExitAsync(60), Is.True, $"the gateway never reached {point} a second time");
            Assert.That(doomed.ExitCode, Is.EqualTo(137), $"killed by SIGKILL at {point}, not by something else: {doomed.Errors}");
        }

        using (var restarted = GatewayChild.Start(gateway))
        {
            await TestGateway.WaitUntil(() => gateway.Erp.DistinctKeys == Files && AckNumbers(gateway).Count == Files, $"{Files} orders at the ERP and {Files} acknowledgments after the restart", seconds: 60);
            await Task.Delay(300);   // let the last records settle before the kill
            restarted.Kill();
        }

        using var store = new LiteDbTrackingStore(Path.Combine(gateway.DataDirectory, "tracking.db"), readOnly: true);
        var documents = store.QueryDocuments(new DocumentQuery { Take = 1000 });
        Assert.Multiple(() =>
        {
            Assert.That(documents.Select(d => int.Parse(d.InterchangeControlNumber, System.Globalization.CultureInfo.InvariantCulture)).Order(), Is.EqualTo(numbers), "each interchange tracked exactly once");
            Assert.That(documents.Select(d => d.Status), Has.All.EqualTo(DocumentStatus.Delivered));
            Assert.That(gateway.Erp.DistinctKeys, Is.EqualTo(Files), "one order per document at the ERP");
            Assert.That(AckNumbers(gateway).Order(), Is.EqualTo(numbers), "one 997 per interchange, each for one that was received");
            Assert.That(Directory.GetFiles(gateway.InboxOf("acme")), Is.Empty, "every file left the inbox");
        });
    }

    [Test]
    public async Task KilledBetweenALargeStagesAcknowledgmentAndItsDocuments_RestartCommitsAndDeliversEveryOne()
    {
        await using var gateway = new TestGateway();
        gateway.AddX12Partner("acme", "ACME");
        int sets = InboundPipeline.StageAheadDocuments;

        using (var doomed = GatewayChild.Start(gateway, crashAt: "after-acknowledgment-commit"))
        {
            gateway.Drop(gateway.InboxOf("acme"), "large.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 7001, sets));
            Assert.That(await doomed.WaitForExitAsync(60), Is.True, "the gateway never committed the large stage's acknowledgment");
            Assert.That(doomed.ExitCode, Is.EqualTo(137), $"killed by SIGKILL, not by something else: {doomed.Errors}");
        }
        string database = Path.Combine(gateway.DataDirectory, "tracking.db");
        using (var store = new LiteDbTrackingStore(database, readOnly: true))
        {
            var receipt = store.ReceiptsSince(DateTimeOffset.MinValue, 10).Single();
            Assert.Multiple(() =>
            {
                Assert.That(receipt.DocumentsStaged, Is.True, "the crash came between the two commits");
                Assert.That(store.OutboundFor(receipt.Id), Has.Count.EqualTo(1), "its 997 is queued");
                Assert.That(store.DocumentsOf(receipt.Id), Is.Empty, "its documents are only staged");
            });
        }

        using (var restarted = GatewayChild.Start(gateway))
        {
            await TestGateway.WaitUntil(() => gateway.Erp.DistinctKeys == sets && AckNumbers(gateway).Count == 1, $"{sets} orders at the ERP and the 997 after the restart", seconds: 120);
            await Task.Delay(300);
            restarted.Kill();
        }

        using var reopened = new LiteDbTrackingStore(database, readOnly: true);
        var documents = reopened.QueryDocuments(new DocumentQuery { Take = 2 * sets });
        Assert.Multiple(() =>
        {
            Assert.That(documents, Has.Count.EqualTo(sets), "each document tracked exactly once");
            Assert.That(documents.Select(d => d.Status), Has.All.EqualTo(DocumentStatus.Delivered));
            Assert.That(reopened.ReceiptsSince(DateTimeOffset.MinValue, 10).Single().DocumentsStaged, Is.False);
            Assert.That(AckNumbers(gateway), Is.EqualTo(new[] { 7001 }), "one 997, the one queued before the crash");
            Assert.That(Directory.GetFiles(Path.Combine(gateway.DataDirectory, "tracking-staged")), Is.Empty, "the staged file is removed once committed");
        });
    }

    [Test]
    public async Task Sigterm_StopsCleanlyAndTheNextStartFinishesTheWork()
    {
        await using var gateway = new TestGateway();
        gateway.AddX12Partner("acme", "ACME");
        using (var child = GatewayChild.Start(gateway))
        {
            foreach (int number in new[] { 1, 2, 3 })
            {
                gateway.Drop(gateway.InboxOf("acme"), $"po-{number}.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", number));
            }
            await TestGateway.WaitUntil(() => gateway.Erp.DistinctKeys >= 1, "the first order at the ERP", seconds: 60);
            child.Terminate();
            Assert.That(await child.WaitForExitAsync(30), Is.True, "still running 30 s after SIGTERM");
            Assert.That(child.ExitCode, Is.Zero, child.Errors);
        }
        using (GatewayChild.Start(gateway))
        {
            await TestGateway.WaitUntil(() => gateway.Erp.DistinctKeys == 3 && AckNumbers(gateway).Count == 3, "all three after the restart", seconds: 60);
        }
    }

    // The GS06 each 997 in the outbox acknowledges (AK102), one entry per file.
    private static List<int> AckNumbers(TestGateway gateway) =>
        gateway.OutboxFiles("acme")
            .Select(f => Regex.Match(File.ReadAllText(f), @"AK1\*PO\*(\d+)~"))
            .Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
}
