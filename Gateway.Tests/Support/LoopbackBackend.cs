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

    /// <summary>Scripted as a status code: the ERP takes the order but answers only after <see cref="NoAnswerDelay"/>, past the gateway's timeout.</summary>
    public const HttpStatusCode NoAnswer = 0;

    public static readonly TimeSpan NoAnswerDelay = TimeSpan.FromSeconds(3);

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}/erp/";

    /// <summary>Every call, in arrival order: (idempotency key, tracking id, body, path below the base URL).</summary>
    public ConcurrentQueue<(string? Key, string? TrackingId, string Body, string Path)> Calls { get; } = new();

    /// <summary>Distinct idempotency keys: the orders the ERP would have created.</summary>
    public int DistinctKeys => Calls.Select(c => c.Key).Distinct().Count();

    /// <summary>Runs before each call is answered, with its path below the base URL: what happens elsewhere while the caller waits.</summary>
    public Action<string>? BeforeAnswer { get; set; }

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
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    // Each call on its own task, so one that never answers in time does not hold up the others.
    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            string body = await reader.ReadToEndAsync();
            string path = context.Request.Url!.AbsolutePath["/erp/".Length..];
            Calls.Enqueue((context.Request.Headers["Idempotency-Key"], context.Request.Headers["X-Gateway-Tracking-Id"], body, path));
            BeforeAnswer?.Invoke(path);
            var code = _script.TryDequeue(out var scripted) ? scripted : HttpStatusCode.Created;
            if (code == NoAnswer)
            {
                await Task.Delay(NoAnswerDelay);
                code = HttpStatusCode.Created;
            }
            context.Response.StatusCode = (int)code;
            string key = context.Request.Headers["Idempotency-Key"] ?? "";
            byte[] answer = Encoding.UTF8.GetBytes($"{{\"id\":\"ORD-{(uint)key.GetHashCode(StringComparison.Ordinal):x8}\",\"order\":\"{key}\"}}");
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException or IOException)
        {
            // The gateway gave up on this call (its timeout) or the listener closed: nothing to answer.
        }
    }

    /// <summary>Several free ports, all different (held open together while they are picked).</summary>
    public static int[] FreePorts(int count)
    {
        var sockets = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            sockets.ForEach(s => s.Start());
            return [.. sockets.Select(s => ((IPEndPoint)s.LocalEndpoint).Port)];
        }
        finally
        {
            sockets.ForEach(s => s.Stop());
        }
    }

    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
