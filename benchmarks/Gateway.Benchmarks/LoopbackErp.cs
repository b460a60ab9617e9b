using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gateway.Benchmarks;

/// <summary>A loopback ERP and CRM (Kestrel) that answers 201 and counts distinct idempotency keys.</summary>
internal sealed class LoopbackErp : IDisposable
{
    private readonly WebApplication _app;

    public LoopbackErp()
    {
        Port = ChildGateway.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        _app = builder.Build();
        _app.MapPost("/{system}/{**path}", async (HttpContext context) =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            Keys.TryAdd(context.Request.Headers["Idempotency-Key"].ToString(), 0);
            return Results.StatusCode(201);
        });
        _app.StartAsync().GetAwaiter().GetResult();
    }

    public int Port { get; }

    public ConcurrentDictionary<string, byte> Keys { get; } = new(StringComparer.Ordinal);

    public void Dispose() => _app.StopAsync().GetAwaiter().GetResult();
}
