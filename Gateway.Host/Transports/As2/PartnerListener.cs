using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Gateway.Host.Configuration;
using Gateway.Host.Pipeline;
using Gateway.Partners.Profiles;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Transports.As2;

/// <summary>
/// The partner-facing listener: its own Kestrel server, apart from the admin listener, serving AS2 messages
/// (<c>POST /as2</c>), asynchronous MDNs (<c>POST /as2/mdn</c>, or <c>/as2</c> itself) and <c>GET /health</c>, and
/// nothing else: no console, no API. Connections, header time, upload rate and body size are bounded, the body size
/// per partnership before it is read.
/// </summary>
internal sealed partial class PartnerListener(GatewaySettings settings, As2Receiver receiver, As2Outbox outbox, ILoggerFactory loggers, ILogger<PartnerListener> log) : IHostedService, IAsyncDisposable
{
    private const long LargestBody = 2048L * 1024 * 1024;
    private WebApplication? _app;

    /// <summary>The addresses the listener is bound to (tests read the port from here).</summary>
    public IReadOnlyList<string> Urls => _app?.Urls.ToList() ?? [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var listener = settings.Listeners;
        if (listener.Partner.Length == 0)
        {
            return;
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.WebHost.UseUrls(listener.Partner);
        var certificate = listener.Partner.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? TlsCertificate(listener) : null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = listener.PartnerMaxConnections;
            kestrel.Limits.MaxRequestBodySize = LargestBody;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(listener.PartnerHeadersTimeoutSeconds);
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(listener.PartnerMinBytesPerSecond, TimeSpan.FromSeconds(10));
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(2);
            if (certificate is not null)
            {
                kestrel.ConfigureHttpsDefaults(https =>
                {
                    https.ServerCertificate = certificate;
                    https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                });
            }
        });
        _app = builder.Build();
        _app.MapPost("/as2", context => HandleAsync(context, mdnOnly: false));
        _app.MapPost("/as2/mdn", context => HandleAsync(context, mdnOnly: true));
        _app.MapGet("/health", () => Results.Json(new { status = "ok" }));
        await _app.StartAsync(cancellationToken);
        LogListening(listener.Partner);
    }

    private async Task HandleAsync(HttpContext context, bool mdnOnly)
    {
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        var probe = new As2Request(headers, []);
        long limit = mdnOnly ? 1024 * 1024 : receiver.MaxBodyBytes(probe);
        if (context.Request.ContentLength > limit)
        {
            LogTooLarge(context.Connection.RemoteIpAddress?.ToString() ?? "?", context.Request.ContentLength ?? 0, limit);
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }
        byte[] body;
        try
        {
            body = await ReadBodyAsync(context.Request.Body, limit, context.RequestAborted);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException exception)
        {
            // Too large while streaming, too slow, or cut off: nothing was received, nothing is acknowledged.
            context.Response.StatusCode = exception.StatusCode;
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }
        As2Response response;
        try
        {
            var request = new As2Request(headers, body);
            response = mdnOnly || IsMdn(request) ? outbox.ReceiveMdn(request) : await receiver.ReceiveAsync(request);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Nothing was acknowledged: the partner retries with the same Message-ID.
            LogUnexpected(exception);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }
        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }
        if (response.Body.Length > 0)
        {
            await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
            if (!mdnOnly)
            {
                // The MDN has left for the partner: a kill now must not lose what it acknowledged.
                await context.Response.CompleteAsync();
                CrashPoints.Reach("after-mdn");
            }
        }
    }

    private static async Task<byte[]> ReadBodyAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new Microsoft.AspNetCore.Http.BadHttpRequestException("the body is larger than the partnership allows", StatusCodes.Status413PayloadTooLarge);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    // An asynchronous MDN posted to the message URL, as many products do: a report, or a signed report.
    private static bool IsMdn(As2Request request)
    {
        string type = request.Header("content-type") ?? "";
        if (type.StartsWith("multipart/report", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (!type.StartsWith("multipart/signed", StringComparison.OrdinalIgnoreCase) || request.WantsMdn)
        {
            return false;
        }
        try
        {
            var signed = MimeBytes.Read(request.Entity());
            return As2Envelope.SignedParts(signed, As2FailureException.AuthenticationFailed) is [var first, _] && MimeBytes.Read(first).ContentType.IsMimeType("multipart", "report");
        }
        catch (Exception exception) when (exception is As2FailureException or FormatException)
        {
            return false;
        }
    }

    private X509Certificate2 TlsCertificate(ListenerSettings listener)
    {
        string file = listener.PartnerCertificate ?? throw new InvalidOperationException("Gateway:Listeners:Partner is https, so Gateway:Listeners:PartnerCertificate must name the TLS certificate (.pfx)");
        string password = "";
        if (listener.PartnerCertificatePassword is { } secret)
        {
            if (!SecretReference.TryParse(secret, out var reference) || !reference.TryResolve(settings.ContentRoot, out string? value, out string? problem))
            {
                throw new InvalidOperationException("Gateway:Listeners:PartnerCertificatePassword must be env:NAME or file:PATH that resolves");
            }
            password = value;
        }
        return X509CertificateLoader.LoadPkcs12FromFile(Path.GetFullPath(file, settings.ContentRoot), password);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Partner listener (AS2) on {Urls}")]
    private partial void LogListening(string urls);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AS2 request from {Remote} refused before reading: {Bytes} bytes is over the {Limit} bytes its partnership allows (maxMessageSizeMb)")]
    private partial void LogTooLarge(string remote, long bytes, long limit);

    [LoggerMessage(Level = LogLevel.Error, Message = "An AS2 request failed unexpectedly; answered 500 so the partner retries")]
    private partial void LogUnexpected(Exception exception);
}
