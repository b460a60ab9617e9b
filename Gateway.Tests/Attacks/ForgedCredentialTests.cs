using System.Net;
using System.Net.Sockets;
using System.Text;
using Gateway.Host.Admin.Security;
using Gateway.Tests.Support;

namespace Gateway.Tests.Attacks;

/// <summary>
/// Forged credentials against the admin listener: forged, tampered and truncated session cookies, a cookie issued by
/// another gateway (with the same users file, so only the data-protection keys tell them apart), sessions and tokens of
/// a removed user, and malformed <c>Authorization</c> headers. Oracle: the API answers 401 (or 400 for a header HTTP
/// itself refuses), the console redirects to the sign-in page, never a 500 or a page.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class ForgedCredentialTests
{
    private const string Class = "Forged credentials (cookies, tokens)";

    private TestGateway _one = null!;
    private TestGateway _other = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _one = new TestGateway();
        _other = new TestGateway();
        await _one.StartAsync();
        await _other.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _one.DisposeAsync();
        await _other.DisposeAsync();
    }

    /// <summary>GET / and GET /api/documents with a raw Cookie header; null when both refuse as they should.</summary>
    private static async Task<string?> RefusedWithCookie(TestGateway gateway, string cookie)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(gateway.AdminUrl) };
        foreach (string path in new[] { "/", "/documents", "/audit" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Cookie", cookie);
            using var page = await http.SendAsync(request);
            if (page.StatusCode != HttpStatusCode.Redirect || page.Headers.Location?.AbsolutePath is not ("/login" or "/Login"))
            {
                return $"{path}: HTTP {(int)page.StatusCode} {page.Headers.Location}";
            }
        }
        using var apiRequest = new HttpRequestMessage(HttpMethod.Get, "/api/documents");
        apiRequest.Headers.TryAddWithoutValidation("Cookie", cookie);
        using var api = await http.SendAsync(apiRequest);
        return api.StatusCode == HttpStatusCode.Unauthorized ? null : $"/api/documents: HTTP {(int)api.StatusCode}";
    }

    private static async Task<string> SessionCookieAsync(TestGateway gateway, string name, string password)
    {
        using var session = new ConsoleSession(gateway.AdminUrl);
        using var signedIn = await session.SignInAsync(name, password);
        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        string value = session.Cookies.GetCookies(new Uri(gateway.AdminUrl))[AdminSecurity.CookieName]!.Value;
        Assert.That(await RefusedWithCookie(gateway, $"{AdminSecurity.CookieName}={value}"), Is.Not.Null, "the genuine cookie opens the console (the oracle is not vacuous)");
        return value;
    }

    [Test]
    public async Task Forged_tampered_and_foreign_session_cookies_are_refused()
    {
        var cases = new AttackCases(Class, "ForgedCredentialTests.Forged_tampered_and_foreign_session_cookies_…");
        string password = _one.AddUser("alice", Role.Admin);
        string genuine = await SessionCookieAsync(_one, "alice", password);
        // The other gateway knows the same user with the same password hash and stamp (a copy of the users file,
        // as a restored backup or a staging clone has): only its data-protection keys may tell the cookie is not its own.
        Directory.CreateDirectory(_other.DataDirectory);
        File.Copy(Path.Combine(_one.DataDirectory, UserDirectory.FileName), Path.Combine(_other.DataDirectory, UserDirectory.FileName), overwrite: true);
        await cases.RunAsync("a session cookie of another gateway", () => RefusedWithCookie(_other, $"{AdminSecurity.CookieName}={genuine}"));

        char[] flipped = genuine.ToCharArray();
        flipped[genuine.Length / 2] = flipped[genuine.Length / 2] == 'A' ? 'B' : 'A';
        var forged = new Dictionary<string, string>
        {
            ["tampered (one character)"] = new string(flipped),
            ["truncated"] = genuine[..(genuine.Length / 2)],
            ["extended"] = genuine + "AAAA",
            ["random base64url"] = Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            ["empty"] = "",
            ["JSON claims"] = Uri.EscapeDataString("{\"name\":\"alice\",\"role\":\"Admin\"}"),
            ["unprotected ticket prefix"] = "CfDJ8" + new string('A', 300),
            ["huge"] = new string('A', 6000),
            ["chunked, forged chunks"] = "chunks-2",
        };
        foreach (var (name, value) in forged)
        {
            await cases.RunAsync(name, () => RefusedWithCookie(_one, name.StartsWith("chunked", StringComparison.Ordinal)
                ? $"{AdminSecurity.CookieName}=chunks-2; {AdminSecurity.CookieName}C1={genuine[..20]}; {AdminSecurity.CookieName}C2=AAAA"
                : $"{AdminSecurity.CookieName}={value}"));
        }

        string bobPassword = _one.AddUser("bob", Role.Admin);
        string removed = await SessionCookieAsync(_one, "bob", bobPassword);
        Assert.That(new UserDirectory(_one.DataDirectory, TimeProvider.System).Remove("bob"), Is.Null);
        await cases.RunAsync("a session of a removed user", () => RefusedWithCookie(_one, $"{AdminSecurity.CookieName}={removed}"));
        cases.Finish();
    }

    /// <summary>Sends raw bytes (header values HttpClient would refuse to send) and returns the status code.</summary>
    private static async Task<int> RawStatusAsync(TestGateway gateway, string path, byte[] authorization)
    {
        var url = new Uri(gateway.AdminUrl);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(url.Host, url.Port);
        using var stream = tcp.GetStream();
        byte[] head = Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {url.Authority}\r\nConnection: close\r\nAuthorization: ");
        await stream.WriteAsync((byte[])[.. head, .. authorization, .. "\r\n\r\n"u8]);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        string status = await reader.ReadLineAsync() ?? "";
        return int.Parse(status.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Test]
    public async Task Malformed_and_foreign_bearer_tokens_are_refused()
    {
        var cases = new AttackCases(Class, "ForgedCredentialTests.Malformed_and_foreign_bearer_tokens_…");
        using var genuine = _one.ApiClient(Role.Admin);
        string token = genuine.DefaultRequestHeaders.Authorization!.Parameter!;
        using (var works = await genuine.GetAsync("/api/documents"))
        {
            Assert.That(works.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the genuine token works (the oracle is not vacuous)");
        }
        using var foreign = _other.ApiClient(Role.Admin);
        string foreignToken = foreign.DefaultRequestHeaders.Authorization!.Parameter!;
        using var removedClient = _one.ApiClient(Role.Admin);
        string removedToken = removedClient.DefaultRequestHeaders.Authorization!.Parameter!;
        var users = new UserDirectory(_one.DataDirectory, TimeProvider.System);
        string removedUser = users.FindByToken(removedToken)!.Value.User.Name;
        Assert.That(users.Remove(removedUser), Is.Null);

        var headers = new Dictionary<string, byte[]>
        {
            ["Bearer (empty)"] = "Bearer "u8.ToArray(),
            ["Bearer (spaces)"] = "Bearer      "u8.ToArray(),
            ["Bearer alone"] = "Bearer"u8.ToArray(),
            ["token of another gateway"] = Encoding.ASCII.GetBytes("Bearer " + foreignToken),
            ["token of a removed user"] = Encoding.ASCII.GetBytes("Bearer " + removedToken),
            ["token with one character changed"] = Encoding.ASCII.GetBytes("Bearer " + token[..^1] + (token[^1] == 'a' ? 'b' : 'a')),
            ["token prefix only"] = Encoding.ASCII.GetBytes("Bearer " + token[..8]),
            ["token twice"] = Encoding.ASCII.GetBytes($"Bearer {token} {token}"),
            ["token with a NUL after it"] = [.. Encoding.ASCII.GetBytes("Bearer " + token), 0],
            ["huge (32 KB)"] = Encoding.ASCII.GetBytes("Bearer gw_" + new string('A', 32 * 1024)),
            ["unicode (UTF-8)"] = Encoding.UTF8.GetBytes("Bearer gw_\u00e9\u4e2d\U0001F600\u202E"),
            ["Latin-1 bytes"] = [.. "Bearer gw_"u8, 0xE9, 0xFF],
            ["injection"] = Encoding.ASCII.GetBytes("Bearer gw_' OR 1=1 --"),
            ["Basic with the token"] = Encoding.ASCII.GetBytes("Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes("admin:" + token))),
            ["bearer (lower case) with a forged token"] = "bearer gw_forged"u8.ToArray(),
        };
        foreach (var (name, header) in headers)
        {
            await cases.RunAsync(name, async () =>
            {
                foreach (string path in new[] { "/api/documents", "/api/audit", "/metrics" })
                {
                    int status = await RawStatusAsync(_one, path, header);
                    if (status is not (401 or 400 or 431))
                    {
                        return $"{path}: HTTP {status}";
                    }
                }
                return null;
            });
        }
        cases.Finish();
    }
}
