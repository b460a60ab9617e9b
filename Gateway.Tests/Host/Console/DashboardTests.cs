using System.Net;
using System.Text.Json;
using Gateway.Host.Admin.Security;
using Gateway.Host.Tracking;
using Gateway.Tests.Support;

namespace Gateway.Tests.Host.Console;

/// <summary>Issue #10: the dashboard counts what the running gateway did, over the API and on the console's front page.</summary>
[Category("Integration")]
public sealed class DashboardTests
{
    private TestGateway _gateway = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _gateway = new TestGateway();
        _gateway.AddX12Partner("acme", "ACME");
        await _gateway.StartAsync();
    }

    [TearDown]
    public async Task StopAsync() => await _gateway.DisposeAsync();

    [Test]
    public async Task Dashboard_OneDeliveredOneRejected_CountsBothAndNamesThePartner()
    {
        await DeliveredAndRejectedAsync();
        using var api = _gateway.ApiClient(Role.Viewer);

        using var response = await api.GetAsync("/api/dashboard");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        var today = root.GetProperty("today");
        var partner = root.GetProperty("partnersWithErrors").EnumerateArray().Single();
        var erp = root.GetProperty("endpoints").EnumerateArray().Single(e => e.GetProperty("endpoint").GetString() == "erp");
        var folder = root.GetProperty("transports").EnumerateArray().Single(t => t.GetProperty("partnerId").GetString() == "acme" && t.GetProperty("transport").GetString() == "folder");
        Assert.Multiple(() =>
        {
            Assert.That(today.GetProperty("total").GetInt32(), Is.EqualTo(2));
            Assert.That(today.GetProperty("delivered").GetInt32(), Is.EqualTo(1));
            Assert.That(today.GetProperty("errors").GetInt32(), Is.EqualTo(1));
            Assert.That(today.GetProperty("byStatus").GetProperty("Delivered").GetInt32(), Is.EqualTo(1));
            Assert.That(today.GetProperty("byStatus").GetProperty("Rejected").GetInt32(), Is.EqualTo(1));
            Assert.That(partner.GetProperty("partnerId").GetString(), Is.EqualTo("acme"));
            Assert.That(partner.GetProperty("rejected").GetInt32(), Is.EqualTo(1));
            Assert.That(partner.GetProperty("deadLettered").GetInt32(), Is.Zero);
            Assert.That(erp.GetProperty("calls").GetInt32(), Is.EqualTo(1));
            Assert.That(erp.GetProperty("failureRate").GetDouble(), Is.Zero);
            Assert.That(erp.GetProperty("lastHourCalls").GetInt64(), Is.EqualTo(1), "the metrics' live call statistics");
            Assert.That(erp.GetProperty("latencyP50Milliseconds").GetDouble(), Is.GreaterThan(0));
            Assert.That(folder.GetProperty("lastReceivedAt").ValueKind, Is.EqualTo(JsonValueKind.String), "the partner's folder received today");
            Assert.That(folder.GetProperty("configured").GetBoolean(), Is.True);
            Assert.That(root.GetProperty("deadLettered").GetInt32(), Is.Zero);
        });
    }

    [Test]
    public async Task DashboardPage_SignedInViewer_ShowsTheCountsAndLinksThePartner()
    {
        await DeliveredAndRejectedAsync();
        string password = _gateway.AddUser("vera", Role.Viewer);
        using var session = new ConsoleSession(_gateway.AdminUrl);
        using (var signIn = await session.SignInAsync("vera", password))
        {
            Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        using var response = await session.GetAsync("/");
        string html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("<a href=\"/documents\">2</a></div><div class=\"label\">received today"));
            Assert.That(html, Does.Contain("<a href=\"/documents?status=Delivered\">1</a></div><div class=\"label\">delivered today"));
            Assert.That(html, Does.Contain("<a href=\"/documents?partner=acme&amp;status=Rejected\">1</a>"));
            Assert.That(html, Does.Contain("<a href=\"/partners/acme\">acme</a>"));
        });
    }

    [Test]
    public async Task DashboardApi_WithoutToken_IsRefused()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(_gateway.AdminUrl) };
        using var response = await anonymous.GetAsync("/api/dashboard");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    private async Task DeliveredAndRejectedAsync()
    {
        _gateway.Drop(_gateway.InboxOf("acme"), "good.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 601));
        // BEG02 (purchase order type) is mandatory: without it the 850 is rejected.
        _gateway.Drop(_gateway.InboxOf("acme"), "bad.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 602).Replace("BEG*00*SA*", "BEG*00**", StringComparison.Ordinal));
        await TestGateway.WaitUntil(() => Documents().Any(d => d.Status == DocumentStatus.Delivered) && Documents().Any(d => d.Status == DocumentStatus.Rejected), "one delivered, one rejected");
    }

    private IReadOnlyList<DocumentRecord> Documents() => _gateway.Store.QueryDocuments(new DocumentQuery());
}
