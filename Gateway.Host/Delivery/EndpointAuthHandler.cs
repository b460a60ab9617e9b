using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gateway.Host.Configuration;
using Gateway.Partners.Profiles;

namespace Gateway.Host.Delivery;

/// <summary>
/// Adds an endpoint's credentials to each call: an API key header, basic, a bearer token, or an OAuth2
/// client-credentials token cached until shortly before it expires (and fetched again once when the back end answers
/// 401). Secrets are read from their references at call time, so rotating one needs no restart.
/// </summary>
internal sealed class EndpointAuthHandler(string endpoint, EndpointAuthSettings auth, string contentRoot, TimeProvider time) : DelegatingHandler
{
    private static readonly HttpClient TokenClient = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly SemaphoreSlim _tokenGate = new(1, 1);
    private (string Token, DateTimeOffset Until)? _token;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string type = auth.Type.ToLowerInvariant();
        switch (type)
        {
            case "none" or "":
                return await base.SendAsync(request, cancellationToken);
            case "apikey":
                request.Headers.Remove(auth.Header);
                request.Headers.TryAddWithoutValidation(auth.Header, Secret());
                return await base.SendAsync(request, cancellationToken);
            case "basic":
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{auth.User}:{Secret()}")));
                return await base.SendAsync(request, cancellationToken);
            case "bearer":
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret());
                return await base.SendAsync(request, cancellationToken);
            case "oauth2":
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(refresh: false, cancellationToken));
                var response = await base.SendAsync(request, cancellationToken);
                if (response.StatusCode != HttpStatusCode.Unauthorized)
                {
                    return response;
                }
                // The token may have been revoked or rotated early: fetch a new one and try once more.
                response.Dispose();
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(refresh: true, cancellationToken));
                return await base.SendAsync(request, cancellationToken);
            default:
                throw new HttpRequestException($"endpoint '{endpoint}' has Auth:Type '{auth.Type}'; use none, apiKey, basic, bearer or oauth2 in appsettings.json");
        }
    }

    private string Secret()
    {
        if (auth.Secret is null || !SecretReference.TryParse(auth.Secret, out var reference))
        {
            throw new HttpRequestException($"endpoint '{endpoint}' needs Auth:Secret as env:NAME or file:PATH in appsettings.json");
        }
        return reference.TryResolve(contentRoot, out string? value, out string? problem)
            ? value
            : throw new HttpRequestException($"endpoint '{endpoint}' secret: {problem}");
    }

    private async Task<string> TokenAsync(bool refresh, CancellationToken cancellationToken)
    {
        await _tokenGate.WaitAsync(cancellationToken);
        try
        {
            if (!refresh && _token is { } cached && cached.Until > time.GetUtcNow())
            {
                return cached.Token;
            }
            if (!Uri.TryCreate(auth.TokenUrl, UriKind.Absolute, out var tokenUrl))
            {
                throw new HttpRequestException($"endpoint '{endpoint}' needs Auth:TokenUrl for oauth2");
            }
            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = auth.User ?? "",
                ["client_secret"] = Secret(),
            };
            if (auth.Scope is { Length: > 0 } scope)
            {
                form["scope"] = scope;
            }
            using var content = new FormUrlEncodedContent(form);
            using var response = await TokenClient.PostAsync(tokenUrl, content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"endpoint '{endpoint}' token request to {tokenUrl.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode}", null, response.StatusCode);
            }
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            string token = json.RootElement.TryGetProperty("access_token", out var t) && t.GetString() is { Length: > 0 } value
                ? value
                : throw new HttpRequestException($"endpoint '{endpoint}' token response has no access_token");
            int lifetime = json.RootElement.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out int seconds) ? seconds : 300;
            _token = (token, time.GetUtcNow().AddSeconds(Math.Max(0, lifetime - 60)));
            return token;
        }
        finally
        {
            _tokenGate.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _tokenGate.Dispose();
        }
        base.Dispose(disposing);
    }
}
