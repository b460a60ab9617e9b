using Gateway.Host.Configuration;
using Gateway.Host.Jobs;
using Gateway.Host.Tracking;
using Gateway.Tests.Support;

namespace Gateway.Tests.Host;

/// <summary>
/// The same PO number from the same partner under a new envelope (not an interchange duplicate: a new ISA13) follows
/// the agreement's businessDuplicates policy: hold for a person (who releases it as a change), reject, or accept.
/// </summary>
public sealed class BusinessDuplicateTests
{
    private TestGateway _gateway = null!;

    [SetUp]
    public void SetUp() => _gateway = new TestGateway();

    [TearDown]
    public async Task TearDown() => await _gateway.DisposeAsync();

    // ACME's 850s go to the ERP; the agreement's businessDuplicates is left at its default when policy is null.
    private async Task StartAsync(string? policy)
    {
        _gateway.AddX12Partner("acme", "ACME");
        if (policy is not null)
        {
            string profile = Path.Combine(_gateway.ProfilesDirectory, "acme.yaml");
            File.WriteAllText(profile, File.ReadAllText(profile).Replace("    endpoint: erp\n", $"    endpoint: erp\n    businessDuplicates: {policy}\n", StringComparison.Ordinal));
        }
        await _gateway.StartAsync();
    }

    private static string Order(int controlNumber) =>
        GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", controlNumber).Replace($"BEG*00*SA*{controlNumber}-PO000001", "BEG*00*SA*PO-SAME-1", StringComparison.Ordinal);

    private async Task<DocumentRecord> SendAsync(int controlNumber)
    {
        _gateway.Drop(_gateway.InboxOf("acme"), $"po-{controlNumber}.edi", Order(controlNumber));
        await TestGateway.WaitUntil(() => Latest(controlNumber) is { Status: not (DocumentStatus.Parsed or DocumentStatus.Validated or DocumentStatus.Acknowledged or DocumentStatus.Mapped) }, $"interchange {controlNumber} settled");
        return Latest(controlNumber)!;
    }

    private DocumentRecord? Latest(int controlNumber) =>
        _gateway.Store.QueryDocuments(new DocumentQuery { BusinessReference = "PO-SAME-1" }).FirstOrDefault(d => d.InterchangeControlNumber == $"{controlNumber:000000000}");

    [Test]
    public async Task Held_by_default_then_released_by_a_person_as_a_change()
    {
        await StartAsync(policy: null);
        var first = await SendAsync(71);

        var second = await SendAsync(72);

        Assert.That(first.Status, Is.EqualTo(DocumentStatus.Delivered));
        Assert.That(second.Status, Is.EqualTo(DocumentStatus.Held));
        Assert.That(second.Timeline.Last().Message, Does.Contain($"as {first.Id}").And.Contain($"gateway track reprocess {second.Id}"));
        Assert.That(_gateway.Erp.DistinctKeys, Is.EqualTo(1), "the held order is not sent on");

        string requests = ReprocessRequestJob.RequestsDirectory(new GatewaySettings { DataDirectory = _gateway.DataDirectory });
        Directory.CreateDirectory(requests);
        File.WriteAllText(Path.Combine(requests, second.Id + ReprocessRequestJob.Suffix), "");

        await TestGateway.WaitUntil(() => _gateway.Store.FindDocument(second.Id)!.Status == DocumentStatus.Delivered, "the released order delivered");
        Assert.That(_gateway.Erp.DistinctKeys, Is.EqualTo(2));
        Assert.That(_gateway.Store.FindDocument(second.Id)!.Timeline.Select(e => e.Step), Does.Contain("Released"));
    }

    [Test]
    public async Task Rejected_when_the_agreement_says_reject()
    {
        await StartAsync("reject");
        await SendAsync(73);

        var second = await SendAsync(74);

        Assert.That(second.Status, Is.EqualTo(DocumentStatus.Rejected));
        Assert.That(second.Timeline.Last().Message, Does.Contain("businessDuplicates: reject"));
        Assert.That(_gateway.Erp.DistinctKeys, Is.EqualTo(1));
    }

    [Test]
    public async Task Accepted_as_a_change_when_the_agreement_says_accept()
    {
        await StartAsync("accept");
        await SendAsync(75);

        var second = await SendAsync(76);

        Assert.That(second.Status, Is.EqualTo(DocumentStatus.Delivered));
        Assert.That(second.Timeline.Select(e => e.Step), Does.Contain("Change"));
        Assert.That(_gateway.Erp.DistinctKeys, Is.EqualTo(2));
    }

    [Test]
    public async Task Of_the_same_order_arriving_in_several_files_at_once_only_the_first_is_delivered()
    {
        // Files taken together are parsed side by side (a batch per worker, two workers) and committed together, so
        // none of them is in the store while the others are checked.
        await StartAsync(policy: null);
        var controlNumbers = Enumerable.Range(81, 12).ToList();
        foreach (int controlNumber in controlNumbers)
        {
            _gateway.Drop(_gateway.InboxOf("acme"), $"po-{controlNumber}.edi", Order(controlNumber));
        }

        await TestGateway.WaitUntil(
            () => controlNumbers.All(n => Latest(n) is { Status: DocumentStatus.Delivered or DocumentStatus.Held }),
            "every copy delivered or held");

        var copies = controlNumbers.Select(n => Latest(n)!).ToList();
        var delivered = copies.Where(d => d.Status == DocumentStatus.Delivered).ToList();
        Assert.That(delivered, Has.Count.EqualTo(1), "one copy goes to the ERP");
        Assert.That(_gateway.Erp.DistinctKeys, Is.EqualTo(1));
        Assert.That(copies.Where(d => d.Status == DocumentStatus.Held).Select(d => d.Timeline.Last().Message), Has.All.Contain("PO-SAME-1 was already received"));
    }
}
