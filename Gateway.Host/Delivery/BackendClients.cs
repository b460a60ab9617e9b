using System.Threading.RateLimiting;
using Gateway.Host.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Gateway.Host.Delivery;

/// <summary>
/// One named HttpClient per endpoint of appsettings.json: rate limit, quick retries with exponential backoff and
/// jitter on timeouts, 408, 429 and 5xx (honouring Retry-After, never on other 4xx), a timeout per attempt, and the
/// endpoint's credentials added to every attempt.
/// </summary>
internal static class BackendClients
{
    public static void Add(IServiceCollection services, GatewaySettings settings)
    {
        foreach (var (name, endpoint) in settings.Endpoints)
        {
            // The factory's own request logging is removed: each call's outcome is on the document's timeline and in the
            // delivery log lines, and two log scopes per request cost more than the loopback request itself.
            var client = services.AddHttpClient(BackendDelivery.ClientName(name), client => client.Timeout = Timeout.InfiniteTimeSpan)
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
                .RemoveAllLoggers();
            // Outermost first: the resilience pipeline wraps the auth handler, so every retry carries fresh credentials.
            client.AddResilienceHandler("backend", builder => Configure(builder, endpoint));
            client.AddHttpMessageHandler(sp => new EndpointAuthHandler(name, endpoint.Auth, settings.ContentRoot, sp.GetRequiredService<TimeProvider>()));
        }
    }

    private static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, EndpointSettings endpoint)
    {
        if (endpoint.RateLimitPerSecond > 0)
        {
            // Calls wait their turn rather than fail: the queue is the documents of one batch.
            int perPeriod = Math.Max(1, (int)Math.Ceiling(endpoint.RateLimitPerSecond));
            builder.AddRateLimiter(new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = perPeriod,
                TokensPerPeriod = perPeriod,
                ReplenishmentPeriod = TimeSpan.FromSeconds(perPeriod / endpoint.RateLimitPerSecond),
                QueueLimit = 100_000,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }));
        }
        if (endpoint.QuickRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = endpoint.QuickRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(Math.Max(1, endpoint.QuickRetryDelayMilliseconds)),
                MaxDelay = TimeSpan.FromSeconds(30),
                ShouldRetryAfterHeader = true,
            });
        }
        builder.AddTimeout(TimeSpan.FromSeconds(Math.Max(1, endpoint.TimeoutSeconds)));
    }
}
