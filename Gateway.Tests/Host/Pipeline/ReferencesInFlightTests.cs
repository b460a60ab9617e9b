using Gateway.Host.Pipeline;
using Gateway.Host.Tracking;

namespace Gateway.Tests.Host.Pipeline;

/// <summary>
/// Two receipts parsed side by side see each other's business references before either is committed: the later claim
/// waits for the earlier one's decisions, then reads them.
/// </summary>
public class ReferencesInFlightTests
{
    private static DocumentRecord Order(string receiptId, string reference) =>
        new() { Id = $"{receiptId}-{reference}", ReceiptId = receiptId, BusinessReference = reference, Status = DocumentStatus.Parsed };

    [Test]
    public async Task Take_WaitsForAnEarlierClaimOnTheSameReference_ThenReturnsItsDecidedDocuments()
    {
        var inFlight = new ReferencesInFlight();
        var first = Order("R1", "PO-1");
        var earlier = inFlight.Take("R1", [first, Order("R1", "PO-2")]);

        var later = Task.Run(() => inFlight.Take("R2", [Order("R2", "PO-1"), Order("R2", "PO-3")]));
        await Task.Delay(200);
        Assert.That(later.IsCompleted, Is.False, "the earlier claim is not decided yet");

        first.Status = DocumentStatus.Acknowledged;
        inFlight.Decided(earlier);
        var claim = await later.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(claim.Earlier, Is.EqualTo(new[] { first }), "only the document sharing a reference");
        Assert.That(claim.Earlier[0].Status, Is.EqualTo(DocumentStatus.Acknowledged));
        Assert.That(earlier.Earlier, Is.Empty);
    }

    // Released means committed (the store query after the claim finds its documents) or failed (they never will be).
    [Test]
    public async Task Release_FreesAWaitingClaim_WhichLeavesTheReleasedDocumentsToTheStore()
    {
        var inFlight = new ReferencesInFlight();
        inFlight.Take("R1", [Order("R1", "PO-1")]);
        var waiting = Task.Run(() => inFlight.Take("R2", [Order("R2", "PO-1")]));
        await Task.Delay(200);
        Assert.That(waiting.IsCompleted, Is.False);

        inFlight.Release(["R1"]);
        var claim = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        inFlight.Decided(claim);

        Assert.That(claim.Earlier, Is.Empty);
        Assert.That(inFlight.Take("R3", [Order("R3", "PO-1")]).Earlier.Select(d => d.ReceiptId), Is.EqualTo(new[] { "R2" }), "R2 is decided, not yet committed");
    }

    [Test]
    public async Task Take_DoesNotCountTheSameReceiptsOtherInterchanges()
    {
        var inFlight = new ReferencesInFlight();
        inFlight.Take("R1", [Order("R1", "PO-1")]);

        // It would wait for ever if it did: the first is not decided.
        var second = await Task.Run(() => inFlight.Take("R1", [Order("R1", "PO-1")])).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(second.Earlier, Is.Empty);
    }

    // A fault of ours that never decides must not hold a worker for ever: the receipt fails, and is retried.
    [Test]
    public void Take_GivesUpOnAnEarlierClaimThatNeverDecides_NamingBoth()
    {
        var inFlight = new ReferencesInFlight(TimeSpan.FromMilliseconds(300));
        inFlight.Take("R1", [Order("R1", "PO-1")]);

        var timeout = Assert.Throws<TimeoutException>(() => inFlight.Take("R2", [Order("R2", "PO-1")]));

        Assert.That(timeout!.Message, Does.Contain("receipt R2").And.Contain("receipt R1").And.Contain("PO-1"));
    }
}
