using System.Text.Json;
using Gateway.Host.Cli;
using Gateway.Host.Tracking;
using Gateway.Tests.Support;

namespace Gateway.Tests.Host;

/// <summary><c>gateway track list|show|reprocess</c> against a running gateway's data directory.</summary>
[Category("Integration")]
[NonParallelizable]
public class TrackCommandsTests
{
    private TestGateway _gateway = null!;

    [SetUp]
    public async Task StartGateway()
    {
        _gateway = new TestGateway();
        _gateway.AddX12Partner("acme", "ACME");
        await _gateway.StartAsync();
        Environment.SetEnvironmentVariable("Gateway__DataDirectory", _gateway.DataDirectory);
    }

    [TearDown]
    public async Task StopGateway()
    {
        Environment.SetEnvironmentVariable("Gateway__DataDirectory", null);
        await _gateway.DisposeAsync();
    }

    [Test]
    public async Task ListAndShow_WhileTheServiceRuns_ReadTheStore()
    {
        _gateway.Drop(_gateway.InboxOf("acme"), "po.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 321, sets: 2));
        await TestGateway.WaitUntil(() => _gateway.Store.QueryDocuments(new DocumentQuery()).Count(d => d.Status == DocumentStatus.Delivered) == 2, "delivered");

        var (listCode, list, _) = Run("list", "--partner", "acme", "--json");
        using var json = JsonDocument.Parse(list);
        string id = json.RootElement[0].GetProperty("id").GetString()!;
        var (showCode, show, _) = Run("show", id);
        var (_, byReference, _) = Run("list", "--reference", "321-PO000002");
        var (_, future, _) = Run("list", "--from", "2999-01-01", "--json");
        Assert.Multiple(() =>
        {
            Assert.That(listCode, Is.Zero);
            Assert.That(json.RootElement.GetArrayLength(), Is.EqualTo(2));
            Assert.That(json.RootElement[0].GetProperty("status").GetString(), Is.EqualTo("Delivered"));
            Assert.That(showCode, Is.Zero);
            Assert.That(show, Does.Contain("interchange 000000321 ZZ:ACME → ZZ:DISTRIBUTOR: Identified"));
            Assert.That(show, Does.Contain("Delivered").And.Contain("Acknowledgment 997"));
            Assert.That(byReference.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(2), "header and one row");
            Assert.That(future.Trim(), Is.EqualTo("[]"));
        });
    }

    [Test]
    public void Show_AReceiptWhoseDocumentsAreStillStaged_SaysWhereTheyAre()
    {
        // As a crash between a large stage's two commits leaves it, seen before the gateway starts again.
        var receipt = new ReceiptRecord { Id = "R20261129T060000000-cccccc", ReceivedAt = DateTimeOffset.UnixEpoch, Transport = "folder", OriginalName = "big.edi", Stage = ReceiptStage.Acknowledged };
        var document = new DocumentRecord { Id = receipt.Id + "-1-1", ReceiptId = receipt.Id, Type = "850", Status = DocumentStatus.Acknowledged };
        _gateway.Store.SaveStageAhead([receipt], [document], []);

        var (code, show, _) = Run("show", receipt.Id);
        var (_, json, _) = Run("show", receipt.Id, "--json");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            Assert.That(show, Does.Contain($"documents: not in the store yet").And.Contain($"tracking-staged/{receipt.Id}.bson"));
            Assert.That(JsonDocument.Parse(json).RootElement.GetProperty("receipt").GetProperty("documentsStaged").GetBoolean(), Is.True);
        });
    }

    [Test]
    public void Show_UnknownId_Exits1()
    {
        var (code, _, error) = Run("show", "R20260101T000000000-abcdef");
        Assert.That(code, Is.EqualTo(GatewayCommandLine.Invalid));
        Assert.That(error, Does.Contain("gateway track list"));
    }

    [TestCase("reprocess", "../../etc/passwd")]
    [TestCase("list", "--status", "Lost")]
    [TestCase("list", "--bogus")]
    public void Run_BadArguments_Exits64(params string[] args)
    {
        var (code, _, error) = Run(args);
        Assert.That(code, Is.EqualTo(GatewayCommandLine.Usage));
        Assert.That(error, Is.Not.Empty);
        Assert.That(Directory.Exists(Path.Combine(_gateway.DataDirectory, "requests")) ? Directory.GetFiles(Path.Combine(_gateway.DataDirectory, "requests")) : [], Is.Empty);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = GatewayCommandLine.Run(["track", .. args], output, error);
        return (code, output.ToString(), error.ToString());
    }
}
