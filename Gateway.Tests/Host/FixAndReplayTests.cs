using System.Net;
using System.Text.Json.Nodes;
using Gateway.Host.Cli;
using Gateway.Host.Tracking;
using Gateway.Tests.Support;

namespace Gateway.Tests.Host;

/// <summary>The exception queue: a call the back end refuses is dead-lettered, a person corrects its body, and the replay delivers it once, with the same key.</summary>
[Category("Integration")]
[NonParallelizable]
public sealed class FixAndReplayTests
{
    private TestGateway _gateway = null!;

    [SetUp]
    public async Task StartGateway()
    {
        _gateway = new TestGateway();
        _gateway.AddX12Partner("acme", "ACME");
        _gateway.UseShippedMaps();
        _gateway.Erp.Script(HttpStatusCode.BadRequest);
        await _gateway.StartAsync();
        Environment.SetEnvironmentVariable("Gateway__DataDirectory", _gateway.DataDirectory);
        Environment.SetEnvironmentVariable("Gateway__Maps", Path.Combine(_gateway.Root, "maps"));
    }

    [TearDown]
    public async Task StopGateway()
    {
        Environment.SetEnvironmentVariable("Gateway__DataDirectory", null);
        Environment.SetEnvironmentVariable("Gateway__Maps", null);
        await _gateway.DisposeAsync();
    }

    private DocumentRecord Document() => _gateway.Store.QueryDocuments(new DocumentQuery()).Single();

    [Test]
    public async Task A_refused_call_is_replayed_with_the_corrected_body_and_the_same_key()
    {
        _gateway.Drop(_gateway.InboxOf("acme"), "po.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 777));
        await TestGateway.WaitUntil(() => _gateway.Store.QueryDocuments(new DocumentQuery()).Any(d => d.Status == DocumentStatus.DeadLettered), "dead-lettered by the 400");
        string id = Document().Id;
        Assert.That(Document().Calls.Select(c => c.Status), Is.EqualTo(new[] { BackendCallStatus.Failed, BackendCallStatus.Pending }), "the CRM call after it was never made");

        var (bodyCode, bodyText, bodyError) = Run("body", id);
        Assert.That(bodyCode, Is.Zero, bodyError);
        var body = JsonNode.Parse(bodyText)!.AsObject();
        Assert.That(body["orderNumber"]!.GetValue<string>(), Is.EqualTo("777-PO000001"));
        body["notes"] = new JsonArray("corrected by support");
        string file = Path.Combine(_gateway.Root, "body.json");
        File.WriteAllText(file, body.ToJsonString());

        var (code, _, error) = Run("reprocess", id, "--body", file);
        Assert.That(code, Is.Zero, error);
        await TestGateway.WaitUntil(() => Document().Status == DocumentStatus.Delivered, "delivered after the correction");

        var calls = _gateway.Erp.Calls.ToList();
        var document = Document();
        Assert.Multiple(() =>
        {
            Assert.That(calls.Select(c => c.Path), Is.EqualTo(new[] { "sales-orders", "sales-orders", "activities" }));
            Assert.That(calls[1].Key, Is.EqualTo(calls[0].Key), "the replay carries the refused call's key");
            Assert.That(calls[1].Body, Does.Contain("corrected by support"));
            Assert.That(calls[2].Body, Does.Not.Contain("corrected by support"), "only the corrected call takes the new body");
            Assert.That(document.Timeline.Select(t => t.Step), Does.Contain("Corrected"));
        });
    }

    [Test]
    public void A_body_that_is_not_a_JSON_object_is_refused_before_any_request()
    {
        string file = Path.Combine(_gateway.Root, "bad.json");
        File.WriteAllText(file, "[1, 2]");
        var (code, _, error) = Run("reprocess", "R20260101T000000000-abcdef-1-1", "--body", file);
        Assert.That(code, Is.EqualTo(GatewayCommandLine.Invalid));
        Assert.That(error, Does.Contain("must hold one JSON object"));
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
