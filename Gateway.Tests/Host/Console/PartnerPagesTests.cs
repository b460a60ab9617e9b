using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Gateway.Host.Admin.Audit;
using Gateway.Host.Admin.Security;
using Gateway.Host.Tracking;
using Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Host.Console;

/// <summary>Issue #10: partners, the onboarding self-test, order journeys and certificates, over the API and the console.</summary>
[Category("Integration")]
public sealed class PartnerPagesTests
{
    private TestGateway _gateway = null!;

    [SetUp]
    public void CreateGateway()
    {
        _gateway = new TestGateway();
        _gateway.AddX12Partner("acme", "ACME");
    }

    [TearDown]
    public async Task StopAsync() => await _gateway.DisposeAsync();

    [Test]
    public async Task TestApi_PartnerAdmin_QueuesATestTa1ThatReachesTheOutboxAndIsAudited()
    {
        await _gateway.StartAsync();
        using var api = _gateway.ApiClient(Role.PartnerAdmin);

        using var response = await api.PostAsync("/api/partners/acme/test", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        string id = answer.GetProperty("trackingId").GetString()!;
        await TestGateway.WaitUntil(() => _gateway.OutboxFiles("acme").Length == 1, "the test interchange in acme's outbox");
        await TestGateway.WaitUntil(() => _gateway.Store.FindOutbound(id)?.Status == "Sent", "the test marked sent");
        string sent = File.ReadAllText(_gateway.OutboxFiles("acme").Single());
        var record = _gateway.Store.FindOutbound(id)!;
        string[] isa = sent.Split('~')[0].Split('*');
        var audit = _gateway.Services.GetRequiredService<AuditLog>().Recent(20).Single(e => e.Action == "partner-test");
        using var partner = JsonDocument.Parse(await api.GetStringAsync("/api/partners/acme"));
        var selfTest = partner.RootElement.GetProperty("selfTests").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(answer.GetProperty("kind").GetString(), Is.EqualTo("TA1"));
            Assert.That(answer.GetProperty("url").GetString(), Is.EqualTo($"/outbound/{id}"));
            Assert.That(isa[15], Is.EqualTo("T"), "ISA15: test");
            Assert.That(isa[6].Trim(), Is.EqualTo("DISTRIBUTOR"));
            Assert.That(isa[8].Trim(), Is.EqualTo("ACME"));
            Assert.That(sent, Does.Contain($"~TA1*{isa[13]}*").And.Contain("*A*000~").And.EndWith($"IEA*0*{isa[13]}~"));
            Assert.That(sent, Does.Not.Contain("GS*"), "a TA1 only: no group, no transaction set");
            Assert.That(record.Kind, Is.EqualTo("TA1"));
            Assert.That(record.Transport, Is.EqualTo("folder"));
            Assert.That(record.ControlNumber, Is.EqualTo(isa[13]));
            Assert.That(record.Timeline[0].Message, Does.StartWith("self-test requested by api-partneradmin"));
            Assert.That(audit.Via, Is.EqualTo("api"));
            Assert.That(audit.Target, Is.EqualTo("acme"));
            Assert.That(audit.Outcome, Is.EqualTo("ok"));
            Assert.That(audit.Detail, Does.Contain(id));
            Assert.That(selfTest.GetProperty("id").GetString(), Is.EqualTo(id));
            Assert.That(selfTest.GetProperty("status").GetString(), Is.EqualTo("Sent"));
        });
    }

    [Test]
    public async Task TestApi_EdifactPartner_QueuesAContrlWithTheTestIndicator()
    {
        File.WriteAllText(Path.Combine(_gateway.ProfilesDirectory, "eurotrade.yaml"), ProfileTexts.EdifactPartner("eurotrade", "5412345000013"));
        await _gateway.StartAsync();
        using var api = _gateway.ApiClient(Role.PartnerAdmin);

        using var response = await api.PostAsync("/api/partners/eurotrade/test", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        await TestGateway.WaitUntil(() => _gateway.OutboxFiles("eurotrade").Length == 1, "the test interchange in eurotrade's outbox");
        string sent = File.ReadAllText(_gateway.OutboxFiles("eurotrade").Single());
        string[] segments = sent.Split('\'', StringSplitOptions.RemoveEmptyEntries);
        var unb = segments.Single(s => s.StartsWith("UNB+", StringComparison.Ordinal)).Split('+');
        Assert.Multiple(() =>
        {
            Assert.That(unb[2], Is.EqualTo("4000000000001:14"));
            Assert.That(unb[3], Is.EqualTo("5412345000013:14"));
            Assert.That(unb, Has.Length.EqualTo(12), "UNB up to 0035");
            Assert.That(unb[11], Is.EqualTo("1"), "0035: test indicator");
            Assert.That(segments, Has.Some.Matches<string>(s => s.StartsWith("UNH+", StringComparison.Ordinal) && s.EndsWith("+CONTRL:D:3:UN", StringComparison.Ordinal)));
            Assert.That(segments, Has.Some.EqualTo($"UCI+{unb[5]}+4000000000001:14+5412345000013:14+7"));
            Assert.That(segments[^1], Is.EqualTo($"UNZ+1+{unb[5]}"));
        });
    }

    [Test]
    public async Task TestApi_SecondTest_TakesTheNextControlNumber()
    {
        await _gateway.StartAsync();
        using var api = _gateway.ApiClient(Role.Admin);

        var first = await (await api.PostAsync("/api/partners/acme/test", null)).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await api.PostAsync("/api/partners/acme/test", null)).Content.ReadFromJsonAsync<JsonElement>();

        var a = _gateway.Store.FindOutbound(first.GetProperty("trackingId").GetString()!)!;
        var b = _gateway.Store.FindOutbound(second.GetProperty("trackingId").GetString()!)!;
        Assert.That(long.Parse(b.ControlNumber, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(long.Parse(a.ControlNumber, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [TestCase("Viewer")]
    [TestCase("Operator")]
    public async Task TestApi_BelowPartnerAdmin_Is403AndSendsNothing(string role)
    {
        await _gateway.StartAsync();
        using var api = _gateway.ApiClient(Enum.Parse<Role>(role));

        using var response = await api.PostAsync("/api/partners/acme/test", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        await Task.Delay(300);
        Assert.That(_gateway.Store.OutboundCreatedSince(DateTimeOffset.MinValue, "acme", 10), Is.Empty);
    }

    [Test]
    public async Task TestApi_UnknownPartner_IsRefusedAndAudited()
    {
        await _gateway.StartAsync();
        using var api = _gateway.ApiClient(Role.PartnerAdmin);

        using var response = await api.PostAsync("/api/partners/nobody/test", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("no partner 'nobody' is live"));
        var audit = _gateway.Services.GetRequiredService<AuditLog>().Recent(20).Single(e => e.Action == "partner-test");
        Assert.That((audit.Target, audit.Outcome), Is.EqualTo(("nobody", "failed")));
    }

    [Test]
    public async Task PartnerPage_PartnerAdminSendsTest_ViewerSeesNoFormAndIsForbidden()
    {
        await _gateway.StartAsync();
        using var admin = await SignedInAsync("pam", Role.PartnerAdmin);
        string page = await admin.GetStringAsync("/partners/acme");
        Assert.That(page, Does.Contain("Send test document</button>"));

        using var posted = await admin.PostFormAsync("/partners/acme?handler=Test", page, new() { ["transport"] = "folder" });

        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(posted.Headers.Location?.OriginalString, Is.EqualTo("/partners/acme"));
        await TestGateway.WaitUntil(() => _gateway.OutboxFiles("acme").Length == 1, "the test interchange in acme's outbox");
        string after = await admin.GetStringAsync("/partners/acme");
        Assert.That(after, Does.Contain("Test TA1 queued for acme over folder").And.Contain("<td>pam</td>"));
        var audit = _gateway.Services.GetRequiredService<AuditLog>().Recent(20).Single(e => e.Action == "partner-test");
        Assert.That((audit.Actor, audit.Via, audit.Outcome), Is.EqualTo(("pam", "console", "ok")));

        using var viewer = await SignedInAsync("vic", Role.Viewer);
        string viewerPage = await viewer.GetStringAsync("/partners/acme");
        Assert.That(viewerPage, Does.Not.Contain("Send test document</button>").And.Contain("Partner acme"));
        using var refused = await viewer.PostFormAsync("/partners/acme?handler=Test", viewerPage, new() { ["transport"] = "folder" });
        Assert.That(refused.Headers.Location?.AbsolutePath, Is.EqualTo("/denied"));
        await Task.Delay(300);
        Assert.That(_gateway.OutboxFiles("acme"), Has.Length.EqualTo(1), "the viewer's post sent nothing");
        var refusal = _gateway.Services.GetRequiredService<AuditLog>().Recent(20).First(e => e.Action == "partner-test");
        Assert.That((refusal.Actor, refusal.Via, refusal.Outcome), Is.EqualTo(("vic", "console", "refused")));
    }

    [Test]
    public async Task PartnersPage_ListsThePartnerWithItsStatusAndTraffic()
    {
        await _gateway.StartAsync();
        _gateway.Drop(_gateway.InboxOf("acme"), "po.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 701));
        await TestGateway.WaitUntil(() => _gateway.Store.QueryDocuments(new DocumentQuery()).Any(d => d.Status == DocumentStatus.Delivered), "delivered");
        using var session = await SignedInAsync("vic", Role.Viewer);

        string html = await session.GetStringAsync("/partners");

        Assert.That(html, Does.Contain("<a href=\"/partners/acme\">acme</a>").And.Contain("<span class=\"status ok\">live</span>").And.Contain("folder"));
        Assert.That(html, Does.Not.Contain("never in the window</td>\n                <td>never"), "acme received today");
    }

    [Test]
    public async Task OrderPage_DeliveredOrder_ShowsItsJourneyWithLinks()
    {
        await _gateway.StartAsync();
        _gateway.Drop(_gateway.InboxOf("acme"), "po.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 801));
        await TestGateway.WaitUntil(() => _gateway.Store.QueryDocuments(new DocumentQuery()).Any(d => d.Status == DocumentStatus.Delivered), "delivered");
        var order = _gateway.Store.QueryDocuments(new DocumentQuery()).Single();
        using var session = await SignedInAsync("vic", Role.Viewer);

        using var lookup = await session.GetAsync($"/orders?po={order.PurchaseOrder}");
        string html = await session.GetStringAsync($"/orders/{order.PurchaseOrder}");
        using var missing = await session.GetAsync("/orders/NO-SUCH-PO");

        Assert.Multiple(() =>
        {
            Assert.That(order.PurchaseOrder, Is.Not.Null);
            Assert.That(lookup.Headers.Location?.OriginalString, Is.EqualTo($"/orders/{order.PurchaseOrder}"));
            Assert.That(html, Does.Contain($"<h1>PO {order.PurchaseOrder}</h1>"));
            Assert.That(html, Does.Contain($"850 {order.BusinessReference} received from acme"));
            Assert.That(html, Does.Contain($"<a href=\"/documents/{order.Id}\" class=\"mono\">{order.Id}</a>"));
            Assert.That(html, Does.Contain("997 sent to acme"));
            Assert.That(html, Does.Contain("<a href=\"/partners/acme\">acme</a>"));
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task CertificatesApi_ProfileWithACertificate_ListsItWithItsExpiry()
    {
        Directory.CreateDirectory(Path.Combine(_gateway.ProfilesDirectory, "certs"));
        var now = TimeProvider.System.GetUtcNow();
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        using (var certificate = new CertificateRequest("CN=mail.globex.example", key, HashAlgorithmName.SHA256).CreateSelfSigned(now.AddDays(-10), now.AddDays(45.5)))
        {
            File.WriteAllBytes(Path.Combine(_gateway.ProfilesDirectory, "certs", "globex.cer"), certificate.Export(X509ContentType.Cert));
        }
        File.WriteAllText(Path.Combine(_gateway.ProfilesDirectory, "globex.yaml"), ProfileTexts.X12Partner("globex", "GLOBEX")
            .Replace("transports:\n", "transports:\n  email:\n    allowedSenders: [edi@globex.example]\n    partnerCertificate: certs/globex.cer\n", StringComparison.Ordinal));
        await _gateway.StartAsync();
        using var api = _gateway.ApiClient(Role.Viewer);

        using var json = JsonDocument.Parse(await api.GetStringAsync("/api/certificates"));
        using var session = await SignedInAsync("vic", Role.Viewer);
        string html = await session.GetStringAsync("/certificates");

        var entry = json.RootElement.EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("partnerId").GetString(), Is.EqualTo("globex"));
            Assert.That(entry.GetProperty("use").GetString(), Is.EqualTo("email partner"));
            Assert.That(entry.GetProperty("subject").GetString(), Is.EqualTo("mail.globex.example"));
            Assert.That(entry.GetProperty("daysLeft").GetInt32(), Is.EqualTo(45));
            Assert.That(entry.GetProperty("status").GetString(), Is.EqualTo("expires soon"));
            Assert.That(entry.GetProperty("ours").GetBoolean(), Is.False);
            Assert.That(html, Does.Contain("mail.globex.example").And.Contain("<span class=\"status warn\">expires soon</span>"));
        });
    }

    private async Task<ConsoleSession> SignedInAsync(string name, Role role)
    {
        string password = _gateway.AddUser(name, role);
        var session = new ConsoleSession(_gateway.AdminUrl);
        using var response = await session.SignInAsync(name, password);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "signed in");
        return session;
    }
}
