using System.Net;
using System.Text.RegularExpressions;

namespace Gateway.Tests.Support;

/// <summary>
/// A browser's view of the console without a browser: a cookie jar, no automatic redirects, and forms posted with the
/// antiforgery token the page carried, as a real form post would.
/// </summary>
internal sealed partial class ConsoleSession : IDisposable
{
    private readonly HttpClient _http;

    public ConsoleSession(string adminUrl)
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(adminUrl) };
    }

    public CookieContainer Cookies { get; } = new();

    /// <summary>Signs in through the login form; returns the answer (302 to the return page when it worked).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string name, string password)
    {
        string form = await GetStringAsync("/login");
        return await PostFormAsync("/login", form, new() { ["name"] = name, ["password"] = password, ["returnUrl"] = "/" });
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    public async Task<string> GetStringAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts <paramref name="fields"/> to <paramref name="path"/> with the antiforgery token found in <paramref name="pageHtml"/>.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string path, string pageHtml, Dictionary<string, string> fields)
    {
        var match = AntiforgeryField().Match(pageHtml);
        Assert.That(match.Success, Is.True, "the page carries an antiforgery token");
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(match.Groups[1].Value);
        return _http.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts without any antiforgery token, as a cross-site form would.</summary>
    public Task<HttpResponseMessage> PostWithoutTokenAsync(string path, Dictionary<string, string> fields) =>
        _http.PostAsync(path, new FormUrlEncodedContent(fields));

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
