using System.Diagnostics;
using System.Net;
using System.Text;

namespace Gateway.Benchmarks;

/// <summary>
/// Issue #8's AS2 load: the published gateway, in a child process, receives signed and AES-256 encrypted 20 KB X12 850s
/// over loopback HTTP from concurrent senders and answers each with a synchronous signed MDN; every document it
/// acknowledged must then reach the loopback ERP. Measures two windows in one process, just started and then warm
/// (tiered compilation takes thousands of messages to settle under load), and prints messages/s, latency percentiles,
/// the gateway's CPU and peak memory, and the documents lost, next to the target: 200 messages/s on 2 cores with p99
/// under 250 ms (judged on the warm window) and nothing lost.
/// </summary>
internal static partial class As2Load
{
    private const int WarmUpMessages = 50;
    private const double TargetPerSecond = 200;
    private const double TargetP99Milliseconds = 250;
    private const string PartnerAs2Id = "ACME AS2";
    private const string OurAs2Id = "DISTRIBUTORAS2";
    private const string MdnOptions = "signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, sha-256";
    private const string EnvelopedType = "application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m";

    /// <summary>What one post gave: its latency, why it failed (null when the MDN said processed with our MIC), and the MDN if kept.</summary>
    private sealed record Result(double Milliseconds, string? Failure, (string ContentType, byte[] Body)? Mdn);

    /// <summary>One measured window: its posts, how long they took, the CPU both sides used meanwhile, and the gateway's peak so far.</summary>
    private sealed record Window(string Name, Result[] Results, double Seconds, double GatewayCpu, double LoadCpu, double OthersCpu, double PeakMiB);

    /// <summary>Sends <paramref name="messages"/> messages just after start, then as many again warm, from <paramref name="senders"/> concurrent senders.</summary>
    public static void Run(string gateway, int messages = 4000, int senders = 16) =>
        RunAsync(gateway, messages, senders).GetAwaiter().GetResult();

    private static async Task RunAsync(string gateway, int messages, int senders)
    {
        string root = Directory.CreateTempSubdirectory("gateway-as2-bench-").FullName;
        try
        {
            var certificates = CreateCertificates(Path.Combine(root, "partner-profiles", "certs"));
            File.WriteAllText(Path.Combine(root, "partner-profiles", "acme-as2.yaml"), Profile(ChildGateway.FreePort()));
            Directory.CreateDirectory(Path.Combine(root, "maps"));
            // Signing and encrypting is the partner's cost, not the gateway's: all of it happens before the clock starts.
            var all = new Message[WarmUpMessages + (2 * messages)];
            Parallel.For(0, all.Length, i => all[i] = Build(i + 1, certificates));
            using var erp = new LoopbackErp();
            var outcome = await LoadAsync(gateway, root, erp, all, messages, senders);
            Report(all, outcome, senders);
            if (outcome.Started.Results.FirstOrDefault(r => r.Mdn is not null)?.Mdn is var (contentType, body))
            {
                Console.WriteLine($"one MDN checked in full with SignedCms: {VerifySignature(contentType, body, certificates.Ours)}");
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>What the run gave: both windows, every post, the processed MDNs, the distinct documents the ERP got, and how long it took them to arrive.</summary>
    private sealed record Outcome(Window Started, Window Warm, List<Result> All, int Processed, int Delivered, double Drained);

    // Starts the gateway, warms it up, measures both windows, then waits (up to 2 minutes) for the ERP to get every acknowledged document.
    private static async Task<Outcome> LoadAsync(string gateway, string root, LoopbackErp erp, Message[] all, int messages, int senders)
    {
        int partnerPort = ChildGateway.FreePort();
        using var child = ChildGateway.Start(gateway, root, erp.Port, ChildGateway.FreePort(), $"--Gateway:Listeners:Partner=http://127.0.0.1:{partnerPort}");
        try
        {
            ChildGateway.WaitForHealth(partnerPort);
            var url = new Uri($"http://127.0.0.1:{partnerPort}/as2");
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = senders, UseProxy = false }) { Timeout = TimeSpan.FromMinutes(2) };
            var warmUp = await SendAsync(http, url, all[..WarmUpMessages], senders);
            if (warmUp.All(r => r.Failure is not null))
            {
                throw new InvalidOperationException($"every warm-up message failed, e.g. {warmUp[0].Failure}");
            }
            var started = await MeasureAsync("just started", http, url, all[WarmUpMessages..(WarmUpMessages + messages)], senders, child.Id);
            var warm = await MeasureAsync("warm", http, url, all[(WarmUpMessages + messages)..], senders, child.Id);
            var results = warmUp.Concat(started.Results).Concat(warm.Results).ToList();
            int processed = results.Count(r => r.Failure is null);
            var drain = Stopwatch.StartNew();
            while (erp.Keys.Count < processed && drain.Elapsed < TimeSpan.FromMinutes(2) && !child.HasExited)
            {
                await Task.Delay(10);
            }
            return new Outcome(started, warm, results, processed, erp.Keys.Count, drain.Elapsed.TotalSeconds);
        }
        finally
        {
            child.Kill();
            await child.WaitForExitAsync();
        }
    }

    private static async Task<Window> MeasureAsync(string name, HttpClient http, Uri url, Message[] messages, int senders, int gatewayPid)
    {
        using var self = Process.GetCurrentProcess();
        var loadCpu = self.TotalProcessorTime;
        double gatewayCpu = ChildGateway.CpuSeconds(gatewayPid);
        double machineCpu = ChildGateway.MachineBusySeconds();
        var clock = Stopwatch.StartNew();
        var results = await SendAsync(http, url, messages, senders);
        double seconds = clock.Elapsed.TotalSeconds;
        self.Refresh();
        gatewayCpu = ChildGateway.CpuSeconds(gatewayPid) - gatewayCpu;
        double load = (self.TotalProcessorTime - loadCpu).TotalSeconds;
        double others = Math.Max(0, ChildGateway.MachineBusySeconds() - machineCpu - gatewayCpu - load);
        return new Window(name, results, seconds, gatewayCpu, load, others, ChildGateway.PeakMiB(gatewayPid));
    }

    /// <summary>Posts every message with <paramref name="senders"/> concurrent senders over keep-alive connections.</summary>
    private static async Task<Result[]> SendAsync(HttpClient http, Uri url, Message[] messages, int senders)
    {
        var results = new Result[messages.Length];
        int next = -1;
        await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
        {
            for (int i = Interlocked.Increment(ref next); i < messages.Length; i = Interlocked.Increment(ref next))
            {
                results[i] = await PostAsync(http, url, messages[i], keepMdn: i == 0);
            }
        })));
        return results;
    }

    private static async Task<Result> PostAsync(HttpClient http, Uri url, Message message, bool keepMdn)
    {
        long started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(message.Body) };
            request.Headers.TryAddWithoutValidation("AS2-Version", "1.2");
            request.Headers.TryAddWithoutValidation("AS2-From", $"\"{PartnerAs2Id}\"");
            request.Headers.TryAddWithoutValidation("AS2-To", OurAs2Id);
            request.Headers.TryAddWithoutValidation("Message-ID", message.MessageId);
            request.Headers.TryAddWithoutValidation("Disposition-Notification-To", "edi@acme.example");
            request.Headers.TryAddWithoutValidation("Disposition-Notification-Options", MdnOptions);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", EnvelopedType);
            using var response = await http.SendAsync(request);
            byte[] body = await response.Content.ReadAsByteArrayAsync();
            double milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            string? failure = response.StatusCode == HttpStatusCode.OK ? MdnProblem(message, Encoding.ASCII.GetString(body)) : $"HTTP {(int)response.StatusCode}";
            return new Result(milliseconds, failure, keepMdn ? (response.Content.Headers.ContentType?.ToString() ?? "", body) : null);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return new Result(Stopwatch.GetElapsedTime(started).TotalMilliseconds, $"{exception.GetType().Name}: {exception.Message}", null);
        }
    }

    // A cheap text check of the report inside the signed MDN: our Message-ID, "processed", and the MIC of what we signed.
    private static string? MdnProblem(Message message, string mdn)
    {
        int at = mdn.IndexOf("\nDisposition:", StringComparison.OrdinalIgnoreCase);
        string disposition = at < 0 ? "(none)" : mdn[(at + 13)..mdn.IndexOf('\n', at + 1)].Trim();
        return !disposition.EndsWith("; processed", StringComparison.Ordinal) ? $"disposition {disposition}"
            : !mdn.Contains($"Original-Message-ID: {message.MessageId}", StringComparison.Ordinal) ? "the MDN answers another Message-ID"
            : !mdn.Contains($"Received-Content-MIC: {message.Mic}", StringComparison.Ordinal) ? "the MDN has no Received-Content-MIC, or another MIC"
            : null;
    }

    // One agreement delivers each 850's JSON form to the ERP; no 997, so the load measures receiving, not sending.
    private static string Profile(int unusedPort) => $$"""
        id: acme-as2
        name: ACME over AS2 (load benchmark)
        identities:
          x12:
            - { qualifier: ZZ, id: ACME }
        ourIdentity:
          x12: { qualifier: ZZ, id: DISTRIBUTOR }
        agreements:
          - { standard: x12, version: "004010", document: "850", direction: inbound, endpoint: erp, acknowledgments: { functional: none } }
        transports:
          as2:
            partnerAs2Id: {{PartnerAs2Id}}
            ourAs2Id: {{OurAs2Id}}
            url: http://127.0.0.1:{{unusedPort}}/as2
            partnerCertificate: certs/partner.cer
            ourCertificate: { file: certs/ours.pfx, password: "file:certs/ours.pass" }
            signing: sha256
            encryption: aes256
            mdn: sync
            mdnSigned: true
        """;
}
