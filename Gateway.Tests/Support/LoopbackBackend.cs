using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gateway.Tests.Support;

/// <summary>
/// A stand-in ERP on 127.0.0.1 (a system we do not ship, so a mock is fair): records every call with its
/// idempotency key, answers with scripted status codes (201 once the script runs out), and treats a repeated key
/// as the same order, as a careful ERP would.
/// </summary>
internal sealed class LoopbackBackend : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<HttpStatusCode> _script = new();
    private readonly Task _loop;

    public LoopbackBackend()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}/erp/";

    /// <summary>Every call, in arrival order: (idempotency key, tracking id, body).</summary>
    public ConcurrentQueue<(string? Key, string? TrackingId, string Body)> Calls { get; } = new();

    /// <summary>Distinct idempotency keys: the orders the ERP would have created.</summary>
    public int DistinctKeys => Calls.Select(c => c.Key).Distinct().Count();

    /// <summary>Answers the next calls with these codes, in order.</summary>
    public void Script(params HttpStatusCode[] codes)
    {
        foreach (var code in codes)
        {
            _script.Enqueue(code);
        }
    }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under a pending accept: the loop ends with it.
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            string body = await reader.ReadToEndAsync();
            Calls.Enqueue((context.Request.Headers["Idempotency-Key"], context.Request.Headers["X-Gateway-Tracking-Id"], body));
            var code = _script.TryDequeue(out var scripted) ? scripted : HttpStatusCode.Created;
            context.Response.StatusCode = (int)code;
            byte[] answer = Encoding.UTF8.GetBytes($"{{\"order\":\"{context.Request.Headers["Idempotency-Key"]}\"}}");
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }

    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
