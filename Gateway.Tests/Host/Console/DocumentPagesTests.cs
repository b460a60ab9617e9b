using System.Net;
using Gateway.Host.Admin.Audit;
using Gateway.Host.Admin.Security;
using Gateway.Host.Tracking;
using Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Host.Console;

/// <summary>Issue #10: the document pages over plain HTTP with a cookie session: search, detail with the segment in error, exception queue, actions.</summary>
[Category("Integration")]
[NonParallelizable]
public sealed class DocumentPagesTests
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

    private async Task<ConsoleSession> SignInAsync(Role role)
    {
        string name = role.ToString().ToLowerInvariant() + "-user";
        string password = _gateway.AddUser(name, role);
        var session = new ConsoleSession(_gateway.AdminUrl);
        using var response = await session.SignInAsync(name, password);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "signed in");
        return session;
    }

    [Test]
    public async Task Search_ByPurchaseOrder_LinksTheTrackingId()
    {
        await _gateway.StartAsync();
        var document = await DocumentFixtures.DropAsync(_gateway, "po.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 501), 501, DocumentStatus.Delivered);
        using var session = await SignInAsync(Role.Viewer);

        string html = await session.GetStringAsync($"/documents?reference={DocumentFixtures.Reference(501)}");

        Assert.That(html, Does.Contain($"<a href=\"/documents/{document.Id}\">{document.Id}</a>"));
        Assert.That(html, Does.Contain(DocumentFixtures.Reference(501)));
        Assert.That(await session.GetStringAsync("/documents?reference=NO-SUCH-PO"), Does.Not.Contain(document.Id));
    }

    [Test]
    public async Task Detail_OfAnInvalidDocument_HighlightsTheSegmentInErrorAndExplainsIt()
    {
        await _gateway.StartAsync();
        var document = await DocumentFixtures.DropAsync(_gateway, "bad.edi", DocumentFixtures.InvalidOrder(502), 502, DocumentStatus.Rejected);
        using var session = await SignInAsync(Role.Viewer);

        using var response = await session.GetAsync($"/documents/{document.Id}");
        string html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        int segment = html.IndexOf("class=\"segment in-error\"", StringComparison.Ordinal);
        Assert.That(segment, Is.GreaterThan(0), "the PO1 is highlighted");
        string after = html[segment..];
        int explain = after.IndexOf("class=\"explain\"", StringComparison.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(after[..explain], Does.Contain("PO1*1*ABC*EA"), "the highlighted segment is the bad one");
            Assert.That(explain, Is.GreaterThan(0), "explained right under it");
            Assert.That(after[explain..], Does.Contain("PO102").And.Contain("Quantity").And.Contain("AK4"));
            Assert.That(html, Does.Contain(DocumentFixtures.Reference(502)), "the PO is shown");
            Assert.That(html, Does.Not.Contain("handler=Reprocess"), "no action forms for a Viewer");
        });
    }

    [Test]
    public async Task Reprocess_FromTheDetailPage_ByAnOperator_DeliversAndIsAudited_ButAViewerIsForbidden()
    {
        _gateway.Erp.Script(HttpStatusCode.BadRequest);
        await _gateway.StartAsync();
        var document = await DocumentFixtures.DropAsync(_gateway, "po.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 503), 503, DocumentStatus.DeadLettered);
        using var viewer = await SignInAsync(Role.Viewer);
        using var operatorSession = await SignInAsync(Role.Operator);

        string queue = await viewer.GetStringAsync("/exceptions");
        Assert.That(queue, Does.Contain($"/documents/{document.Id}").And.Contain("DeadLettered"));
        Assert.That(await viewer.GetStringAsync($"/documents/{document.Id}"), Does.Not.Contain("handler=Reprocess"), "no action forms for a Viewer");
        // A hand-made post: the token of another of the viewer's own pages, since the detail page gives it no form.
        string anyForm = await viewer.GetStringAsync("/login");
        using var refused = await viewer.PostFormAsync($"/documents/{document.Id}?handler=Reprocess", anyForm, []);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(refused.Headers.Location!.ToString(), Does.Contain("/denied"));
        Assert.That(_gateway.Store.FindDocument(document.Id)!.Status, Is.EqualTo(DocumentStatus.DeadLettered));

        string page = await operatorSession.GetStringAsync($"/documents/{document.Id}");
        Assert.That(page, Does.Contain("handler=Reprocess").And.Contain("<textarea"), "an Operator sees the forms, with the call's body to fix");
        using var done = await operatorSession.PostFormAsync($"/documents/{document.Id}?handler=Reprocess", page, []);
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        string reloaded = await operatorSession.GetStringAsync(done.Headers.Location!.ToString());

        var audit = _gateway.Services.GetRequiredService<AuditLog>().Recent(20).Where(e => e.Action == "reprocess").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(_gateway.Store.FindDocument(document.Id)!.Status, Is.EqualTo(DocumentStatus.Delivered));
            Assert.That(_gateway.Erp.DistinctKeys, Is.EqualTo(1));
            Assert.That(reloaded, Does.Contain("class=\"flash\"").And.Contain("delivered"));
            Assert.That(audit.Select(e => (e.Actor, e.Via, e.Outcome)), Is.EquivalentTo(new[] { ("operator-user", "console", "ok"), ("viewer-user", "console", "refused") }));
        });
    }

    [Test]
    public async Task Raw_DownloadFromThePage_ReturnsTheArchivedFile()
    {
        await _gateway.StartAsync();
        string content = GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 504);
        var document = await DocumentFixtures.DropAsync(_gateway, "po.edi", content, 504, DocumentStatus.Delivered);
        using var session = await SignInAsync(Role.Viewer);

        using var response = await session.GetAsync($"/documents/{document.Id}?handler=Raw");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(content));
    }
}
