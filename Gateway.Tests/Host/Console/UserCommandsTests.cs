using System.Net;
using Gateway.Host.Admin.Audit;
using Gateway.Host.Admin.Security;
using Gateway.Host.Cli;
using Gateway.Tests.Support;

namespace Gateway.Tests.Host.Console;

/// <summary><c>gateway users …</c>: the only way in, against a running gateway's data folder.</summary>
[TestFixture]
[NonParallelizable]
public sealed class UserCommandsTests
{
    private TestGateway _gateway = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _gateway = new TestGateway();
        await _gateway.StartAsync();
        Environment.SetEnvironmentVariable("Gateway__DataDirectory", _gateway.DataDirectory);
    }

    [TearDown]
    public async Task StopAsync()
    {
        Environment.SetEnvironmentVariable("Gateway__DataDirectory", null);
        await _gateway.DisposeAsync();
    }

    private static (int Code, string Output, string Error) Run(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = UserCommands.Run(args, new StringReader(stdin), interactive: false, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Test]
    public async Task An_added_user_signs_in_to_the_running_console_with_the_password_from_standard_input()
    {
        var (code, output, _) = Run("correct horse battery staple\n", "add", "Olga", "--role", "Operator");
        using var session = new ConsoleSession(_gateway.AdminUrl);
        using var signIn = await session.SignInAsync("olga", "correct horse battery staple");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GatewayCommandLine.Ok));
            Assert.That(output, Does.Contain("User 'olga' added as Operator."));
            Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(File.ReadAllText(Path.Combine(_gateway.DataDirectory, UserDirectory.FileName)), Does.Not.Contain("horse"), "only the hash is stored");
        });
    }

    [Test]
    public void Weak_passwords_unknown_roles_and_taken_names_are_refused_with_the_reason()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Run("short\n", "add", "pat", "--role", "Viewer").Error, Does.Contain("at least 12 characters"));
            Assert.That(Run("aaaaaaaaaaaaaaaa\n", "add", "pat", "--role", "Viewer").Error, Does.Contain("5 different characters"));
            Assert.That(Run("", "add", "pat", "--role", "Root").Error, Does.Contain("'Root' is not a role: one of Viewer, Operator, PartnerAdmin, Admin"));
            Assert.That(Run("long enough secret\n", "add", "pat/../x", "--role", "Viewer").Error, Does.Contain("is not a user name"));
            Assert.That(Run("long enough secret\n", "add", "pat", "--role", "Viewer").Code, Is.EqualTo(GatewayCommandLine.Ok));
            Assert.That(Run("long enough secret\n", "add", "PAT", "--role", "Admin").Error, Does.Contain("user 'pat' exists"));
            Assert.That(new UserDirectory(_gateway.DataDirectory, TimeProvider.System).Find("pat")!.Role, Is.EqualTo(Role.Viewer));
        });
    }

    [Test]
    public async Task A_token_is_printed_once_works_against_the_API_and_stops_when_revoked()
    {
        Run("", "add", "erp", "--role", "Operator", "--no-password");
        var (code, output, _) = Run("", "token", "erp", "--label", "sap");
        string token = output.Trim().Split('\n')[^1];
        using var api = new HttpClient { BaseAddress = new Uri(_gateway.AdminUrl) };
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var before = await api.GetAsync("/api/orders/stuck");
        string tokenId = new UserDirectory(_gateway.DataDirectory, TimeProvider.System).Find("erp")!.Tokens.Single().Id;
        string listed = Run("", "list").Output;
        Run("", "revoke", "erp", tokenId);
        using var after = await api.GetAsync("/api/orders/stuck");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GatewayCommandLine.Ok));
            Assert.That(token, Does.StartWith(UserDirectory.TokenPrefix));
            Assert.That(listed, Does.Contain($"{tokenId} (sap)").And.Not.Contain(token));
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(File.ReadAllText(Path.Combine(_gateway.DataDirectory, UserDirectory.FileName)), Does.Not.Contain(token));
        });
    }

    [Test]
    public void Every_change_is_in_the_audit_log_with_the_operating_system_user()
    {
        Run("long enough secret\n", "add", "quinn", "--role", "Viewer");
        Run("", "role", "quinn", "PartnerAdmin");
        Run("", "remove", "quinn");
        var entries = new AuditLog(_gateway.DataDirectory, TimeProvider.System).Recent(10, "quinn");
        Assert.Multiple(() =>
        {
            Assert.That(entries.Select(e => e.Action), Is.EqualTo(new[] { "users-remove", "users-role", "users-add" }));
            Assert.That(entries.All(e => e.Via == "cli" && e.Actor == "os:" + Environment.UserName && e.Outcome == "ok"), Is.True);
            Assert.That(entries[1].Detail, Is.EqualTo("role PartnerAdmin"));
        });
    }
}
