using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Gateway.Host.Tracking;
using Gateway.Tests.Support;

namespace Gateway.Tests.Attacks;

/// <summary>
/// Slowloris against the AS2 partner listener: 20 connections sending their headers one byte a second and 20 sending
/// valid headers for a 1 MB body then one body byte a second, while the real partner posts 20 signed and encrypted
/// messages. Oracles: every legitimate message gets a processed MDN and reaches the ERP once, and the server closes
/// each slow connection within its configured limit (headers timeout; minimum body rate after Kestrel's 10 s grace),
/// measured per connection.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class SlowConnectionTests
{
    private const int Slow = 20;
    private const int Legitimate = 20;
    private const int HeadersTimeoutSeconds = 2;
    private const int MinBytesPerSecond = 1024;
    private const double BodyGraceSeconds = 10;

    // Kestrel checks its timeouts on a one-second heartbeat; the rest is room for a busy two-core machine.
    private const double Slack = 3;

    [Test]
    public async Task Slow_header_and_slow_body_connections_are_closed_in_time_while_the_partner_gets_all_its_MDNs()
    {
        var cases = new AttackCases("Slow-header / slow-body connections (partner 100%)", "SlowConnectionTests.Slow_header_and_slow_body_…");
        await using var as2 = await As2Partnership.StartAsync(as2Extra: "    maxMessageSizeMb: 4", start: false);
        as2.Gateway.ExtraArguments.Add($"--Gateway:Listeners:PartnerHeadersTimeoutSeconds={HeadersTimeoutSeconds}");
        as2.Gateway.ExtraArguments.Add($"--Gateway:Listeners:PartnerMinBytesPerSecond={MinBytesPerSecond}");
        await as2.Gateway.StartAsync();
        var messages = new List<(byte[] Message, string Po)>();
        for (int i = 0; i < Legitimate; i++)
        {
            string edi = GatewayFiles.X12Orders("SENDER", "RECEIVER", 2400 + i);
            messages.Add((await as2.SignedAndEncryptedAsync(edi), $"{2400 + i}-PO000001"));
        }
        var listener = new Uri(as2.ListenerUrl);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(40));

        var clock = Stopwatch.StartNew();
        var slowHeaders = Enumerable.Range(0, Slow).Select(_ => SlowClientAsync(listener, headers: "", stop.Token)).ToList();
        string bodyHeaders = $"POST /as2 HTTP/1.1\r\nHost: {listener.Authority}\r\nAS2-Version: 1.2\r\nAS2-From: \"{As2Partnership.PartnerAs2Id}\"\r\nAS2-To: {As2Partnership.OurAs2Id}\r\n"
            + $"Message-ID: {As2Partnership.NewMessageId()}\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data\r\nContent-Length: 1048576\r\n\r\n";
        var slowBodies = Enumerable.Range(0, Slow).Select(_ => SlowClientAsync(listener, bodyHeaders, stop.Token)).ToList();
        // The partner keeps sending through the whole attack: one message every 600 ms, two at a time.
        var answers = new List<Task<(string Po, string? Failure, double Seconds)>>();
        using var twoAtATime = new SemaphoreSlim(2);
        foreach (var (message, po) in messages)
        {
            answers.Add(PostAsync(as2, message, po, twoAtATime));
            await Task.Delay(600);
        }

        foreach (var (po, failure, seconds) in await Task.WhenAll(answers))
        {
            cases.Check(failure is null, $"{po}: {failure}");
            TestContext.Progress.WriteLine($"  {po}: MDN after {seconds:F2} s");
        }
        var headerTimes = await Task.WhenAll(slowHeaders);
        var bodyTimes = await Task.WhenAll(slowBodies);
        TestContext.Progress.WriteLine($"slow headers closed after {Describe(headerTimes)} (limit {HeadersTimeoutSeconds} s); slow bodies closed after {Describe(bodyTimes)} (limit {BodyGraceSeconds} s grace at {MinBytesPerSecond} B/s); attack window {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var (closed, index) in headerTimes.Select((t, i) => (t, i)))
        {
            cases.Check(closed is { } s && s <= HeadersTimeoutSeconds + Slack, $"slow-header connection {index} closed after {Show(closed)}");
        }
        foreach (var (closed, index) in bodyTimes.Select((t, i) => (t, i)))
        {
            cases.Check(closed is { } s && s >= BodyGraceSeconds - 1 && s <= BodyGraceSeconds + Slack, $"slow-body connection {index} closed after {Show(closed)}");
        }
        await cases.RunAsync("every legitimate order at the ERP, once", async () =>
        {
            var watch = Stopwatch.StartNew();
            while (!messages.All(m => as2.Gateway.Erp.Calls.Any(c => c.Body.Contains(m.Po, StringComparison.Ordinal))) && watch.Elapsed.TotalSeconds < 20)
            {
                await Task.Delay(100);
            }
            int delivered = messages.Count(m => as2.Gateway.Erp.Calls.Any(c => c.Body.Contains(m.Po, StringComparison.Ordinal)));
            return delivered == Legitimate && as2.Gateway.Erp.DistinctKeys == Legitimate ? null : $"{delivered} of {Legitimate} delivered, {as2.Gateway.Erp.DistinctKeys} distinct keys";
        });
        int documents = as2.Gateway.Store.QueryDocuments(new DocumentQuery { Take = 1000 }).Count;
        cases.Check(documents == Legitimate, $"{documents} documents recorded: the slow connections left something behind");
        cases.Finish();
    }

    private static async Task<(string Po, string? Failure, double Seconds)> PostAsync(As2Partnership as2, byte[] message, string po, SemaphoreSlim gate)
    {
        await gate.WaitAsync();
        try
        {
            var clock = Stopwatch.StartNew();
            using var response = await as2.PostAsync(message);
            string disposition = As2Partnership.MdnFields(await As2Partnership.EntityAsync(response)).GetValueOrDefault("Disposition", "");
            return (po, response.StatusCode == HttpStatusCode.OK && disposition.EndsWith("; processed", StringComparison.Ordinal) ? null : $"HTTP {(int)response.StatusCode}, disposition '{disposition}'", clock.Elapsed.TotalSeconds);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return (po, $"{exception.GetType().Name}: {exception.Message}", 0);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// A raw connection that sends <paramref name="headers"/> at once and then one byte a second (of a request line
    /// and headers when <paramref name="headers"/> is empty, of body otherwise) until the server closes it; the answer
    /// is the seconds from connect to close, or null when the server never closed it.
    /// </summary>
    private static async Task<double?> SlowClientAsync(Uri listener, string headers, CancellationToken stop)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(listener.Host, listener.Port, stop);
        var clock = Stopwatch.StartNew();
        var stream = client.GetStream();
        var closed = WaitForCloseAsync(stream, clock, stop);
        byte[] trickle = headers.Length == 0
            ? Encoding.ASCII.GetBytes($"POST /as2 HTTP/1.1\r\nHost: {listener.Authority}\r\nAS2-From: {new string('a', 200)}\r\n")
            : new byte[1024 * 1024];
        try
        {
            if (headers.Length > 0)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(headers), stop);
            }
            for (int i = 0; i < trickle.Length && !closed.IsCompleted; i++)
            {
                await stream.WriteAsync(trickle.AsMemory(i, 1), stop);
                await Task.WhenAny(closed, Task.Delay(1000, stop));
            }
        }
        catch (IOException)
        {
            // Written into a connection the server already closed.
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        return await closed;
    }

    // Reads (and drops) whatever the server answers until it closes the connection.
    private static async Task<double?> WaitForCloseAsync(NetworkStream stream, Stopwatch clock, CancellationToken stop)
    {
        byte[] buffer = new byte[4096];
        try
        {
            while (await stream.ReadAsync(buffer, stop) > 0)
            {
            }
            return clock.Elapsed.TotalSeconds;
        }
        catch (IOException)
        {
            return clock.Elapsed.TotalSeconds;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static string Show(double? seconds) => seconds is { } s ? s.ToString("F2", CultureInfo.InvariantCulture) + " s" : "never (test ended first)";

    private static string Describe(double?[] times) =>
        times.All(t => t is not null) ? $"{times.Min()!.Value:F2}–{times.Max()!.Value:F2} s" : $"{times.Count(t => t is null)} never closed";
}
