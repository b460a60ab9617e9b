using System.Net;
using System.Text.Json;
using Gateway.Host.Admin.Security;
using Gateway.Host.Tracking;
using Gateway.Tests.Support;

namespace Gateway.Tests.Attacks;

/// <summary>
/// Injection strings in every search field of the API and the console: query-language fragments (SQL, NoSQL, LiteDB
/// expressions), wildcards and regex metacharacters, HTML/script and CR/LF. Oracle: never a 500, never a document the
/// filter should not return (no seeded value matches any of these strings), never an unencoded reflection in HTML, and
/// never a header made from the input.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class InjectionTests
{
    private const string Class = "Injection strings in search fields";
    private const string Script = "<script>alert(1)</script>";

    private static readonly string[] Payloads =
    [
        "' OR 1=1 --",
        "\" OR \"\"=\"",
        "'; DROP TABLE documents; --",
        "1' OR '1'='1",
        "$.Status",
        "$.PartnerId != null",
        "{\"$ne\":null}",
        "{\"$gt\":\"\"}",
        "[$ne]=1",
        "*",
        "%",
        "_",
        ".*",
        "^.*$",
        "(a+)+$",
        "[",
        "\\",
        "ACME' OR PartnerId != '",
        "acme\" || true || \"",
        Script,
        "\"><img src=x onerror=alert(1)>",
        "javascript:alert(1)",
        "x\r\nSet-Cookie: injected=1",
        "x%0d%0aX-Injected:%201",
        "\u0000",
        "ﾠ\u202E",
        new string('A', 4000),
    ];

    private TestGateway _gateway = null!;
    private HttpClient _api = null!;
    private ConsoleSession _console = null!;
    private HashSet<string> _seeded = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _gateway = new TestGateway();
        _gateway.AddX12Partner("acme", "ACME");
        _gateway.AddX12Partner("globex", "GLOBEX");
        await _gateway.StartAsync();
        _gateway.Drop(_gateway.InboxOf("acme"), "a.edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 801));
        _gateway.Drop(_gateway.InboxOf("globex"), "b.edi", GatewayFiles.X12Orders("GLOBEX", "DISTRIBUTOR", 802));
        // A name a partner chose, with a header in it: the raw download must not turn it into one.
        _gateway.Drop(_gateway.InboxOf("acme"), "crlf\r\nX-Injected: yes\r\n\".edi", GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 803));
        await TestGateway.WaitUntil(() => _gateway.Store.QueryDocuments(new DocumentQuery { Status = DocumentStatus.Delivered }).Count == 3, "three seeded documents delivered");
        _seeded = [.. _gateway.Store.QueryDocuments(new DocumentQuery()).Select(d => d.Id)];
        _api = _gateway.ApiClient(Role.Admin);
        string password = _gateway.AddUser("searcher", Role.Admin);
        _console = new ConsoleSession(_gateway.AdminUrl);
        using var signedIn = await _console.SignInAsync("searcher", password);
        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _api.Dispose();
        _console.Dispose();
        await _gateway.DisposeAsync();
    }

    private static string Q(string value) => Uri.EscapeDataString(value);

    // An HTML answer may show the input only encoded: the raw script, tag or event handler must never appear. Any
    // other answer must say what it is and forbid sniffing, so no browser renders a reflection as HTML.
    private static async Task<string?> Unencoded(HttpResponseMessage response, string payload)
    {
        string body = await response.Content.ReadAsStringAsync();
        string? type = response.Content.Headers.ContentType?.MediaType;
        if (type != "text/html")
        {
            return body.Length == 0 || (type is "text/plain" or "application/json" && response.Headers.TryGetValues("X-Content-Type-Options", out var sniff) && sniff.Contains("nosniff"))
                ? null : $"a {type ?? "typeless"} answer that a browser may sniff as HTML";
        }
        return (payload.Contains('<', StringComparison.Ordinal) || payload.Contains('"', StringComparison.Ordinal)) && body.Contains(payload, StringComparison.Ordinal) ? "reflected unencoded"
            : body.Contains(Script, StringComparison.Ordinal) || body.Contains("<img src=x", StringComparison.Ordinal) ? "a script or tag from the input is in the page"
            : null;
    }

    private string? Leaked(string body) => _seeded.FirstOrDefault(id => body.Contains(id, StringComparison.Ordinal)) is { } id ? $"returned {id}, which the filter should not match" : null;

    [Test]
    public async Task Document_search_API_fields_take_injection_strings_as_plain_values()
    {
        var cases = new AttackCases(Class, "InjectionTests.Document_search_API_…");
        string[] fields = ["partner", "status", "type", "direction", "control", "reference", "from", "to"];
        foreach (string field in fields)
        {
            foreach (string payload in Payloads)
            {
                await cases.RunAsync($"GET /api/documents?{field}={payload[..Math.Min(30, payload.Length)]}", async () =>
                {
                    using var response = await _api.GetAsync($"/api/documents?{field}={Q(payload)}");
                    string body = await response.Content.ReadAsStringAsync();
                    if ((int)response.StatusCode >= 500)
                    {
                        return $"HTTP {(int)response.StatusCode}";
                    }
                    if (response.Content.Headers.ContentType?.MediaType != "application/json")
                    {
                        return $"answered as {response.Content.Headers.ContentType} (a reflection must stay JSON)";
                    }
                    return response.StatusCode == HttpStatusCode.OK ? Leaked(body) ?? (JsonDocument.Parse(body).RootElement.GetProperty("documents").GetArrayLength() == 0 ? null : "documents returned")
                        : response.StatusCode == HttpStatusCode.BadRequest ? null : $"HTTP {(int)response.StatusCode}";
                });
            }
        }
        // A blank filter still returns everything: the oracle above is not vacuous.
        using var all = await _api.GetAsync("/api/documents?partner=");
        cases.Check(_seeded.All((await all.Content.ReadAsStringAsync()).Contains), "an empty search returns the seeded documents");
        cases.Finish();
    }

    [Test]
    public async Task Console_document_search_form_shows_injection_strings_encoded_and_matches_nothing()
    {
        var cases = new AttackCases(Class, "InjectionTests.Console_document_search_form_…");
        string[] fields = ["Partner", "Status", "Type", "Direction", "Control", "Reference", "From", "To"];
        foreach (string field in fields)
        {
            foreach (string payload in Payloads)
            {
                await cases.RunAsync($"GET /documents?{field}={payload[..Math.Min(30, payload.Length)]}", async () =>
                {
                    using var response = await _console.GetAsync($"/documents?{field}={Q(payload)}");
                    return response.StatusCode != HttpStatusCode.OK ? $"HTTP {(int)response.StatusCode}" : await Unencoded(response, payload) ?? Leaked(await response.Content.ReadAsStringAsync());
                });
            }
        }
        string page = await _console.GetStringAsync($"/documents?Partner={Q(Script)}");
        cases.Check(page.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", StringComparison.Ordinal), "the script comes back HTML-encoded in the form");
        cases.Finish();
    }

    [Test]
    public async Task Audit_order_partner_and_document_lookups_take_injection_strings_as_plain_values()
    {
        var cases = new AttackCases(Class, "InjectionTests.Audit_order_partner_and_document_lookups_…");
        foreach (string payload in Payloads)
        {
            string short30 = payload[..Math.Min(30, payload.Length)];
            await cases.RunAsync($"GET /api/audit?search={short30}", async () =>
            {
                using var response = await _api.GetAsync($"/api/audit?search={Q(payload)}");
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return $"HTTP {(int)response.StatusCode}";
                }
                // Every entry returned must contain the text searched for, taken literally (not as a pattern).
                var entries = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();
                var stray = entries.Where(e => !e.EnumerateObject().Any(p => p.Value.ValueKind == JsonValueKind.String && p.Value.GetString()!.Contains(payload, StringComparison.OrdinalIgnoreCase))).ToList();
                return stray.Count == 0 ? null : $"{stray.Count} entries that do not contain the search text";
            });
            await cases.RunAsync($"GET /audit?search={short30}", async () =>
            {
                using var response = await _console.GetAsync($"/audit?search={Q(payload)}");
                return response.StatusCode != HttpStatusCode.OK ? $"HTTP {(int)response.StatusCode}" : await Unencoded(response, payload);
            });
            await cases.RunAsync($"GET /orders?po={short30}", async () =>
            {
                using var response = await _console.GetAsync($"/orders?po={Q(payload)}&partner={Q(payload)}");
                if ((int)response.StatusCode >= 500)
                {
                    return $"HTTP {(int)response.StatusCode}";
                }
                if (response.StatusCode == HttpStatusCode.Redirect)
                {
                    string location = response.Headers.Location!.OriginalString;
                    if (!location.StartsWith("/orders/", StringComparison.Ordinal) || location.StartsWith("//", StringComparison.Ordinal) || location.Any(char.IsControl) || location.Contains('<', StringComparison.Ordinal))
                    {
                        return $"redirects to '{location}'";
                    }
                    using var journey = await _console.GetAsync(location);
                    return (int)journey.StatusCode >= 500 ? $"HTTP {(int)journey.StatusCode} at {location}" : await Unencoded(journey, payload);
                }
                return null;
            });
            foreach (string path in new[] { "/api/orders/{0}?partner={0}", "/api/partners/{0}", "/api/documents/{0}", "/api/documents/{0}/raw", "/api/outbound/{0}" })
            {
                await cases.RunAsync($"GET {path} with {short30}", async () =>
                {
                    using var response = await _api.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, Q(payload)));
                    string body = await response.Content.ReadAsStringAsync();
                    return (int)response.StatusCode >= 500 ? $"HTTP {(int)response.StatusCode}"
                        : response.StatusCode == HttpStatusCode.OK ? "a lookup by an injection string found something"
                        : Leaked(body);
                });
            }
            foreach (string path in new[] { "/orders/{0}?partner={0}", "/partners/{0}", "/documents/{0}", "/outbound/{0}" })
            {
                await cases.RunAsync($"GET {path} with {short30}", async () =>
                {
                    using var response = await _console.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, Q(payload)));
                    return (int)response.StatusCode >= 500 ? $"HTTP {(int)response.StatusCode}" : await Unencoded(response, payload) ?? Leaked(await response.Content.ReadAsStringAsync());
                });
            }
        }
        cases.Finish();
    }

    [Test]
    public async Task A_partners_file_name_with_CR_LF_never_becomes_a_download_header()
    {
        var cases = new AttackCases(Class, "InjectionTests.A_partners_file_name_with_CR_LF_…");
        var document = _gateway.Store.QueryDocuments(new DocumentQuery()).Single(d => _gateway.Store.FindReceipt(d.ReceiptId)!.OriginalName.StartsWith("crlf", StringComparison.Ordinal));
        foreach (var client in new Func<string, Task<HttpResponseMessage>>[] { _api.GetAsync, _console.GetAsync })
        {
            foreach (string path in new[] { $"/api/documents/{document.Id}/raw", $"/documents/{document.Id}?handler=Raw" })
            {
                await cases.RunAsync(path, async () =>
                {
                    using var response = await client(path);
                    if (response.StatusCode == HttpStatusCode.Redirect || response.StatusCode == HttpStatusCode.NotFound || response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        return null;   // not this client's route
                    }
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        return $"HTTP {(int)response.StatusCode}";
                    }
                    string disposition = response.Content.Headers.ContentDisposition?.ToString() ?? "";
                    return response.Headers.Contains("X-Injected") || response.Content.Headers.Contains("X-Injected") ? "an injected header arrived"
                        : disposition.Any(char.IsControl) || disposition.Contains("X-Injected:", StringComparison.Ordinal) ? $"download name '{disposition}'"
                        : null;
                });
            }
        }
        cases.Finish();
    }
}
