using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Gateway.Benchmarks;

/// <summary>
/// Issue #11's load: the published gateway in a child process for SOAK_MINUTES (10 by default) receives signed and
/// encrypted AS2 messages (synchronous signed MDN), files on a partner's SFTP server and files in a folder inbox, all
/// at steady rates (SOAK_AS2_RATE, SOAK_SFTP_RATE, SOAK_FOLDER_RATE per second). Prints a line a minute, then
/// documents/s, MDN latency percentiles, the gateway's peak memory and the documents lost (sent but never at the ERP).
/// The SFTP server is the script's private sshd, described by SOAK_SFTP_* variables (tests/soak/run.sh sets them).
/// </summary>
internal static class Soak
{
    private const int As2Senders = 8;

    public static void Run(string gateway) => RunAsync(gateway).GetAwaiter().GetResult();

    private static async Task RunAsync(string gateway)
    {
        var duration = TimeSpan.FromMinutes(Number("SOAK_MINUTES", 10));
        double as2Rate = Number("SOAK_AS2_RATE", 20), sftpRate = Number("SOAK_SFTP_RATE", 5), folderRate = Number("SOAK_FOLDER_RATE", 5);
        string sftpFolder = Variable("SOAK_SFTP_FOLDER");
        string root = Directory.CreateTempSubdirectory("gateway-soak-").FullName;
        try
        {
            string profiles = Directory.CreateDirectory(Path.Combine(root, "partner-profiles")).FullName;
            Directory.CreateDirectory(Path.Combine(root, "maps"));
            var build = As2Load.SoakMessages(Path.Combine(profiles, "certs"));
            File.WriteAllText(Path.Combine(profiles, "acme-as2.yaml"), As2Load.SoakProfile(ChildGateway.FreePort()));
            File.WriteAllText(Path.Combine(profiles, "folderco.yaml"), SoakProfiles.Folder);
            File.WriteAllText(Path.Combine(profiles, "sftpco.yaml"), SoakProfiles.Sftp(sftpFolder));
            string inbox = Directory.CreateDirectory(Path.Combine(root, "data", "folders", "folderco", "inbox")).FullName;
            using var erp = new LoopbackErp();
            int partnerPort = ChildGateway.FreePort(), admin = ChildGateway.FreePort();
            using var child = ChildGateway.Start(gateway, root, erp.Port, admin, $"--Gateway:Listeners:Partner=http://127.0.0.1:{partnerPort}");
            ChildGateway.WaitForHealth(partnerPort);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"soak: {duration.TotalMinutes:0.#} min, AS2 {as2Rate}/s (signed + AES-256, sync signed MDN, {As2Senders} senders), SFTP {sftpRate}/s, folder {folderRate}/s, {Environment.ProcessorCount} cores"));
            var url = new Uri($"http://127.0.0.1:{partnerPort}/as2");
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = As2Senders, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };
            var latencies = new ConcurrentQueue<(double At, double Milliseconds)>();
            var failures = new ConcurrentQueue<string>();
            int as2Sent = 0, sftpSent = 0, folderSent = 0;
            var clock = Stopwatch.StartNew();
            using var stop = new CancellationTokenSource(duration);
            // AS2: each message posted at its time by a free sender, retried with the same Message-ID until an MDN says processed.
            int next = 0;
            var as2 = Enumerable.Range(0, As2Senders).Select(_ => Task.Run(async () =>
            {
                for (int n = Interlocked.Increment(ref next); await Paced(clock, n, as2Rate, stop.Token); n = Interlocked.Increment(ref next))
                {
                    var (messageId, body, mic) = build(n);
                    for (int attempt = 1; ; attempt++)
                    {
                        long started = Stopwatch.GetTimestamp();
                        string? failure = await As2Load.SoakPostAsync(http, url, messageId, body, mic);
                        if (failure is null)
                        {
                            latencies.Enqueue((clock.Elapsed.TotalSeconds, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
                            Interlocked.Increment(ref as2Sent);
                            break;
                        }
                        failures.Enqueue($"AS2 {messageId} attempt {attempt}: {failure}");
                        await Task.Delay(500);
                    }
                }
            })).ToArray();
            var sftp = Task.Run(async () =>
            {
                for (int n = 1; await Paced(clock, n, sftpRate, stop.Token); n++)
                {
                    Drop(sftpFolder, $"po-{n}.edi", SoakProfiles.Order("SFTPCO", 20_000_000 + n));
                    Interlocked.Increment(ref sftpSent);
                }
            });
            var folder = Task.Run(async () =>
            {
                for (int n = 1; await Paced(clock, n, folderRate, stop.Token); n++)
                {
                    Drop(inbox, $"po-{n}.edi", SoakProfiles.Order("FOLDERCO", 10_000_000 + n));
                    Interlocked.Increment(ref folderSent);
                }
            });
            Console.WriteLine($"{"minute",6} {"AS2",7} {"SFTP",7} {"folder",7} {"at ERP",8} {"MDN p99 ms",11} {"gateway MiB",12}");
            for (int minute = 1; !stop.IsCancellationRequested; minute++)
            {
                await Task.WhenAny(Task.Delay(TimeSpan.FromMinutes(1), stop.Token).ContinueWith(_ => { }, TaskScheduler.Default));
                double from = clock.Elapsed.TotalSeconds - 60;
                var recent = latencies.Where(l => l.At >= from).Select(l => l.Milliseconds).ToArray();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{minute,6} {as2Sent,7} {sftpSent,7} {folderSent,7} {erp.Keys.Count,8} {SoakProfiles.Percentile(recent, 0.99),11:F0} {Resident(child.Id),12:F0}"));
            }
            await Task.WhenAll([.. as2, sftp, folder]);
            double sending = clock.Elapsed.TotalSeconds;
            int total = as2Sent + sftpSent + folderSent;
            var drain = Stopwatch.StartNew();
            while (erp.Keys.Count < total && drain.Elapsed < TimeSpan.FromMinutes(2) && !child.HasExited)
            {
                await Task.Delay(100);
            }
            double peak = ChildGateway.PeakMiB(child.Id);
            int remaining = Directory.GetFiles(sftpFolder).Length + Directory.GetFiles(inbox).Length;
            child.Kill();
            await child.WaitForExitAsync();
            var all = latencies.Select(l => l.Milliseconds).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                documents sent      {total} in {sending:F0} s: AS2 {as2Sent}, SFTP {sftpSent}, folder {folderSent}
                documents/s         {total / sending:F1} sent, {erp.Keys.Count / (sending + drain.Elapsed.TotalSeconds):F1} delivered (all at the ERP {drain.Elapsed.TotalSeconds:F1} s after the last was sent)
                MDN latency ms      p50 {SoakProfiles.Percentile(all, 0.50):F0}, p99 {SoakProfiles.Percentile(all, 0.99):F0}, max {(all.Length == 0 ? 0 : all.Max()):F0} over {all.Length} processed MDNs
                AS2 retries         {failures.Count}{(failures.TryPeek(out string? first) ? $" (first: {first})" : "")}
                gateway peak memory {peak:F0} MiB (VmHWM)
                lost                {Math.Max(0, total - erp.Keys.Count)} (sent, acknowledged or taken, but not at the ERP); files still waiting {remaining}
                """));
            Environment.ExitCode = total > 0 && erp.Keys.Count >= total && remaining == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    // Waits until item n is due at rate per second; false once the run is over.
    private static async Task<bool> Paced(Stopwatch clock, int n, double rate, CancellationToken stop)
    {
        var due = TimeSpan.FromSeconds(n / rate) - clock.Elapsed;
        try
        {
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, stop);
            }
            return !stop.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    // Written beside the folder under a dot name, then renamed in: as a partner's copy completes.
    private static void Drop(string folder, string name, string content)
    {
        string part = Path.Combine(folder, "." + name + ".part");
        File.WriteAllText(part, content);
        File.Move(part, Path.Combine(folder, name));
    }

    private static double Resident(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;

    private static double Number(string name, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : fallback;

    private static string Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"{name} is not set: run tests/soak/run.sh");
}
