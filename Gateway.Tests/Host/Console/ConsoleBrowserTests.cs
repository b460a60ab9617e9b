using Gateway.Host.Admin.Security;
using Gateway.Host.Tracking;
using Gateway.Tests.Support;
using Microsoft.Playwright;

namespace Gateway.Tests.Host.Console;

/// <summary>
/// Issue #10 in a real browser (Debian's Chromium through Playwright): a support person signs in, finds a document
/// delivered through the folder transport by its PO number, reads its timeline and the raw EDI with the segment in
/// error highlighted and explained, reprocesses it, and an administrator sees that in the audit log. The screenshots
/// it takes are the ones in docs/images (GATEWAY_UPDATE_SCREENSHOTS=1 writes them there).
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Browser")]
public sealed class ConsoleBrowserTests
{
    private const string PurchaseOrder = "4711-PO000001";

    private TestGateway _gateway = null!;
    private ConsoleBrowser _browser = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _gateway = new TestGateway();
        // Lenient: a code outside its list is a warning, so the document is delivered and its issue stays on record.
        File.WriteAllText(Path.Combine(_gateway.ProfilesDirectory, "acme.yaml"), ProfileTexts.X12Partner("acme", "ACME")
            .Replace("    direction: inbound\n", "    direction: inbound\n    endpoint: erp\n    validation: lenient\n", StringComparison.Ordinal));
        await _gateway.StartAsync();
        _browser = await ConsoleBrowser.LaunchAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _browser.DisposeAsync();
        await _gateway.DisposeAsync();
    }

    [Test]
    public async Task Support_finds_a_document_by_PO_sees_its_error_reprocesses_it_and_the_audit_log_shows_it()
    {
        string password = _gateway.AddUser("sam", Role.Admin);
        // A product id of 60 characters where 48 are allowed: a lenient agreement lets the order through with a warning.
        string order = GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 4711).Replace("*VP*SKU00001*", $"*VP*SKU{new string('9', 55)}*", StringComparison.Ordinal);
        _gateway.Drop(_gateway.InboxOf("acme"), "po-4711.edi", order);
        await TestGateway.WaitUntil(() => Delivered() is not null, "the order delivered");
        string id = Delivered()!.Id;

        var page = await _browser.NewPageAsync(_gateway.AdminUrl);
        await page.GotoAsync("/");
        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/login"), "signed-out visitors land on the sign-in page");
        await page.GetByLabel("User").FillAsync("sam");
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Screenshot(page, "console-dashboard.png");

        await page.GetByRole(AriaRole.Link, new() { Name = "Documents", Exact = true }).ClickAsync();
        await page.GetByLabel("PO / reference").FillAsync(PurchaseOrder);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = id }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/documents/" + id);

        var inError = page.Locator(".raw .segment.in-error");
        await Assertions.Expect(inError).ToHaveCountAsync(1);
        await Assertions.Expect(inError).ToContainTextAsync("PO1*1*3*EA*1.25**VP*SKU999");
        await Assertions.Expect(page.Locator(".raw .explain").First).ToContainTextAsync("PO107");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Timeline" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Delivered");
        await Screenshot(page, "console-document.png", fullPage: true);

        await page.GetByRole(AriaRole.Button, new() { Name = "Reprocess" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        var entry = page.Locator("tr", new() { HasText = id }).Filter(new() { HasText = "reprocess" });
        await Assertions.Expect(entry).ToHaveCountAsync(1);
        await Assertions.Expect(entry).ToContainTextAsync("sam");
        await Assertions.Expect(entry).ToContainTextAsync("console");
    }

    private DocumentRecord? Delivered() =>
        _gateway.Store.QueryDocuments(new DocumentQuery { BusinessReference = PurchaseOrder }).FirstOrDefault(d => d.Status == DocumentStatus.Delivered);

    private static async Task Screenshot(IPage page, string name, bool fullPage = false)
    {
        string path = Path.Combine(TestContext.CurrentContext.WorkDirectory, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        TestContext.AddTestAttachment(path);
        if (Environment.GetEnvironmentVariable("GATEWAY_UPDATE_SCREENSHOTS") == "1")
        {
            File.Copy(path, Path.Combine(Corpus.RepositoryRoot(), "docs", "images", name), overwrite: true);
        }
    }
}
