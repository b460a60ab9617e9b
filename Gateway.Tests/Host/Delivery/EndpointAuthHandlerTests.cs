using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Gateway.Host.Configuration;
using Gateway.Host.Delivery;
using Gateway.Tests.Support;

namespace Gateway.Tests.Host.Delivery;

/// <summary>Each endpoint authentication kind against a real HTTP server on loopback that sees the headers, and an OAuth2 token server that counts tokens.</summary>
[NonParallelizable]
public sealed class EndpointAuthHandlerTests
{
    private HttpListener _server = null!;
    private string _url = null!;
    private readonly ConcurrentQueue<(string Path, string? Authorization, string? ApiKey, string Body)> _requests = new();
    private int _tokensIssued;
    private string? _rejectToken;
    private string _secretVariable = null!;

    [SetUp]
    public void Start()
    {
        // NUnit keeps one fixture instance for all its tests: start each from nothing.
        _requests.Clear();
        (_tokensIssued, _rejectToken) = (0, null);
        int port = LoopbackBackend.FreePort();
        _url = $"http://127.0.0.1:{port}/";
        _server = new HttpListener();
        _server.Prefixes.Add(_url);
        _server.Start();
        _ = Task.Run(ServeAsync);
        _secretVariable = $"GATEWAY_TEST_SECRET_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(_secretVariable, "pa55:word");
    }

    [TearDown]
    public void Stop()
    {
        _server.Close();
        Environment.SetEnvironmentVariable(_secretVariable, null);
    }

    private async Task ServeAsync()
    {
        while (_server.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _server.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            string body = await reader.ReadToEndAsync();
            string path = context.Request.Url!.AbsolutePath;
            string? authorization = context.Request.Headers["Authorization"];
            _requests.Enqueue((path, authorization, context.Request.Headers["X-Api-Key"], body));
            string answer = "{}";
            if (path == "/token")
            {
                int n = Interlocked.Increment(ref _tokensIssued);
                answer = $$"""{"access_token":"token-{{n}}","expires_in":3600,"token_type":"Bearer"}""";
            }
            else if (authorization is not null && authorization == $"Bearer {_rejectToken}")
            {
                context.Response.StatusCode = 401;
            }
            byte[] bytes = Encoding.UTF8.GetBytes(answer);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static HttpClient Client(EndpointAuthSettings auth) =>
        new(new EndpointAuthHandler("erp", auth, TestContext.CurrentContext.WorkDirectory, TimeProvider.System) { InnerHandler = new SocketsHttpHandler() });

    private async Task<HttpStatusCode> CallAsync(HttpClient client)
    {
        using var response = await client.PostAsync(_url + "orders", new StringContent("{}", Encoding.UTF8, "application/json"));
        return response.StatusCode;
    }

    [Test]
    public async Task An_API_key_goes_in_its_header()
    {
        using var client = Client(new EndpointAuthSettings { Type = "apiKey", Secret = $"env:{_secretVariable}" });
        await CallAsync(client);
        Assert.That(_requests.Single().ApiKey, Is.EqualTo("pa55:word"));
    }

    [Test]
    public async Task Basic_and_bearer_send_the_referenced_secret()
    {
        using (var basic = Client(new EndpointAuthSettings { Type = "basic", User = "gateway", Secret = $"env:{_secretVariable}" }))
        {
            await CallAsync(basic);
        }
        using (var bearer = Client(new EndpointAuthSettings { Type = "bearer", Secret = $"env:{_secretVariable}" }))
        {
            await CallAsync(bearer);
        }
        var seen = _requests.Select(r => r.Authorization).ToList();
        Assert.That(seen, Is.EqualTo(new[] { "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("gateway:pa55:word")), "Bearer pa55:word" }));
    }

    [Test]
    public async Task OAuth2_fetches_one_token_for_many_calls_and_a_new_one_after_a_401()
    {
        using var client = Client(new EndpointAuthSettings { Type = "oauth2", User = "gateway-client", Secret = $"env:{_secretVariable}", TokenUrl = _url + "token", Scope = "orders.write" });
        for (int i = 0; i < 5; i++)
        {
            Assert.That(await CallAsync(client), Is.EqualTo(HttpStatusCode.OK));
        }
        Assert.That(_tokensIssued, Is.EqualTo(1), "the token is cached until it nearly expires");
        var tokenRequest = _requests.First(r => r.Path == "/token");
        Assert.That(tokenRequest.Body, Does.Contain("grant_type=client_credentials").And.Contain("client_id=gateway-client").And.Contain("scope=orders.write"));

        _rejectToken = "token-1";   // revoked early by the server
        Assert.That(await CallAsync(client), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_tokensIssued, Is.EqualTo(2));
        Assert.That(_requests.Last().Authorization, Is.EqualTo("Bearer token-2"));
    }

    [Test]
    public void A_missing_secret_fails_the_call_naming_the_reference_never_a_value()
    {
        using var client = Client(new EndpointAuthSettings { Type = "bearer", Secret = "env:GATEWAY_TEST_NOT_SET_ANYWHERE" });
        var error = Assert.ThrowsAsync<HttpRequestException>(() => CallAsync(client));
        Assert.That(error!.Message, Is.EqualTo("endpoint 'erp' secret: environment variable GATEWAY_TEST_NOT_SET_ANYWHERE is not set"));
        Assert.That(_requests, Is.Empty);
    }
}
