using System.Net;
using Gateway.Host.Admin.Audit;
using Gateway.Host.Admin.Security;
using Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Host.Console;

/// <summary>Issue #10, security: sign-in, sessions, lockout, antiforgery and the audit of each.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ConsoleSecurityTests
{
    private TestGateway _gateway = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _gateway = new TestGateway();
        await _gateway.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _gateway.DisposeAsync();

    private AuditLog Audit => _gateway.Services.GetRequiredService<AuditLog>();

    [Test]
    public async Task A_signed_out_visitor_is_sent_to_the_sign_in_page_from_every_console_page()
    {
        using var session = new ConsoleSession(_gateway.AdminUrl);
        foreach (string page in new[] { "/", "/documents", "/audit" })
        {
            using var answer = await session.GetAsync(page);
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), page);
            Assert.That(answer.Headers.Location!.ToString(), Does.Contain("/login?ReturnUrl="), page);
        }
    }

    [Test]
    public async Task With_no_users_the_sign_in_page_says_how_to_add_the_first_and_nothing_gets_in()
    {
        await using var empty = new TestGateway();
        await empty.StartAsync();
        using var session = new ConsoleSession(empty.AdminUrl);
        string page = await session.GetStringAsync("/login");
        using var attempt = await session.SignInAsync("admin", "admin");
        Assert.Multiple(() =>
        {
            Assert.That(page, Does.Contain("gateway users add NAME --role Admin"));
            Assert.That(attempt.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the form again, not a redirect into the console");
        });
    }

    [Test]
    public async Task A_right_password_opens_a_session_and_a_wrong_one_is_refused_and_audited()
    {
        string password = _gateway.AddUser("dana", Role.Viewer);
        using var session = new ConsoleSession(_gateway.AdminUrl);
        using var wrong = await session.SignInAsync("dana", password + "x");
        string wrongPage = await wrong.Content.ReadAsStringAsync();
        using var right = await session.SignInAsync("Dana", password);
        using var dashboard = await session.GetAsync("/");
        Assert.Multiple(() =>
        {
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(wrongPage, Does.Contain("Wrong user name or password."));
            Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(right.Headers.Location!.ToString(), Is.EqualTo("/"));
            Assert.That(dashboard.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Audit.Recent(50, "dana").Select(e => (e.Action, e.Outcome)), Does.Contain(("sign-in", "refused")).And.Contain(("sign-in", "ok")));
        });
    }

    [Test]
    public async Task Five_wrong_passwords_lock_the_name_even_against_the_right_one()
    {
        string password = _gateway.AddUser("eve", Role.Operator);
        using var session = new ConsoleSession(_gateway.AdminUrl);
        for (int i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            using var _ = await session.SignInAsync("eve", "guess-number-" + i);
        }
        using var locked = await session.SignInAsync("eve", password);
        Assert.Multiple(async () =>
        {
            Assert.That(locked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await locked.Content.ReadAsStringAsync(), Does.Contain("Too many failed sign-ins"));
            Assert.That(Audit.Recent(1, "eve")[0].Detail, Is.EqualTo("locked after repeated failures"));
        });
    }

    [Test]
    public async Task A_form_posted_without_the_antiforgery_token_is_refused()
    {
        string password = _gateway.AddUser("frank", Role.Viewer);
        using var session = new ConsoleSession(_gateway.AdminUrl);
        using var forged = await session.PostWithoutTokenAsync("/login", new() { ["name"] = "frank", ["password"] = password });
        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Audit.Recent(10, "frank").Any(e => e.Outcome == "ok"), Is.False, "no sign-in happened");
    }

    [Test]
    public async Task Changing_a_users_role_or_password_ends_their_sessions()
    {
        string password = _gateway.AddUser("gail", Role.Operator);
        using var session = new ConsoleSession(_gateway.AdminUrl);
        using var _ = await session.SignInAsync("gail", password);
        using var before = await session.GetAsync("/");
        Assert.That(new UserDirectory(_gateway.DataDirectory, TimeProvider.System).SetRole("gail", Role.Viewer), Is.Null);
        using var after = await session.GetAsync("/");
        Assert.Multiple(() =>
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(after.Headers.Location!.ToString(), Does.Contain("/login"));
        });
    }

    [Test]
    public async Task Signing_out_ends_the_session_and_is_audited()
    {
        string password = _gateway.AddUser("hana", Role.Viewer);
        using var session = new ConsoleSession(_gateway.AdminUrl);
        using var _ = await session.SignInAsync("hana", password);
        string dashboard = await session.GetStringAsync("/");
        using var signOut = await session.PostFormAsync("/logout", dashboard, []);
        using var after = await session.GetAsync("/");
        Assert.Multiple(() =>
        {
            Assert.That(signOut.Headers.Location!.ToString(), Is.EqualTo("/login"));
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(Audit.Recent(1, "hana")[0].Action, Is.EqualTo("sign-out"));
        });
    }

    [Test]
    public async Task The_API_takes_no_cookies_and_a_revoked_token_stops_working()
    {
        string password = _gateway.AddUser("ivan", Role.Admin);
        using var session = new ConsoleSession(_gateway.AdminUrl);
        using var _ = await session.SignInAsync("ivan", password);
        using var withCookie = await session.GetAsync("/api/orders/stuck");
        var users = new UserDirectory(_gateway.DataDirectory, TimeProvider.System);
        var (token, _) = users.IssueToken("ivan", "script");
        using var api = new HttpClient { BaseAddress = new Uri(_gateway.AdminUrl) };
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var withToken = await api.GetAsync("/api/orders/stuck");
        Assert.That(users.RevokeToken("ivan", users.Find("ivan")!.Tokens[0].Id), Is.Null);
        using var revoked = await api.GetAsync("/api/orders/stuck");
        Assert.Multiple(() =>
        {
            Assert.That(withCookie.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a console session is no API credential (no CSRF through the API)");
            Assert.That(withToken.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    [Test]
    public async Task Console_answers_carry_headers_that_forbid_framing_sniffing_and_caching()
    {
        using var session = new ConsoleSession(_gateway.AdminUrl);
        using var page = await session.GetAsync("/login");
        Assert.Multiple(() =>
        {
            Assert.That(page.Headers.GetValues("X-Frame-Options"), Is.EqualTo(new[] { "DENY" }));
            Assert.That(page.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
            Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("frame-ancestors 'none'"));
            Assert.That(page.Headers.CacheControl!.NoStore, Is.True);
        });
    }
}
