using System.Diagnostics;
using System.Net;
using Gateway.Host.Configuration;
using Gateway.Host.Delivery;
using Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Host.Delivery;

/// <summary>The named client of an endpoint: quick retries on 503 with the same request, none on 400, and the rate limit holding calls back.</summary>
public sealed class BackendClientsTests
{
    private static (ServiceProvider Services, HttpClient Client) Client(LoopbackBackend erp, EndpointSettings endpoint)
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        BackendClients.Add(services, new GatewaySettings { Endpoints = new(StringComparer.Ordinal) { ["erp"] = endpoint } });
        var provider = services.BuildServiceProvider();
        return (provider, provider.GetRequiredService<IHttpClientFactory>().CreateClient(BackendDelivery.ClientName("erp")));
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, LoopbackBackend erp, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, erp.BaseUrl + "orders") { Content = new StringContent("{}") };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Test]
    public async Task A_503_is_retried_with_the_same_key_and_a_400_is_not()
    {
        using var erp = new LoopbackBackend();
        var (services, client) = Client(erp, new EndpointSettings { BaseUrl = erp.BaseUrl, QuickRetries = 3, QuickRetryDelayMilliseconds = 10 });
        await using var _ = services;
        erp.Script(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable);
        Assert.That(await PostAsync(client, erp, "k-1"), Is.EqualTo(HttpStatusCode.Created));
        erp.Script(HttpStatusCode.BadRequest);
        Assert.That(await PostAsync(client, erp, "k-2"), Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(erp.Calls.Select(c => c.Key), Is.EqualTo(new[] { "k-1", "k-1", "k-1", "k-2" }));
    }

    [Test]
    public async Task The_rate_limit_spreads_calls_over_time()
    {
        using var erp = new LoopbackBackend();
        var (services, client) = Client(erp, new EndpointSettings { BaseUrl = erp.BaseUrl, RateLimitPerSecond = 4 });
        await using var _ = services;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => PostAsync(client, erp, $"k-{i}")));
        // 4 calls at once, then 4 more per second: the twelfth cannot start before two refills (a lower bound only).
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9)));
        Assert.That(erp.Calls, Has.Count.EqualTo(12));
    }
}
