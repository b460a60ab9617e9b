using System.Diagnostics;
using System.Net;
using System.Text;
using Gateway.Host.Admin.Security;
using Gateway.Tests.Support;

namespace Gateway.Tests.Attacks;

/// <summary>
/// Canary secrets and payload strings never reach a log at any level: the real <c>gateway run</c> in a child process
/// with every Serilog level on (Microsoft and System too), an endpoint secret from the environment, a key password
/// from a file, a console password (right and wrong), API tokens (real and forged) and documents whose content carries
/// a unique string (folder and AS2, valid and broken). Oracle: 0 hits for each canary in every log file and in
/// everything the process wrote to standard output and error.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class LogCanaryTests
{
    private const string Class = "Canary secrets and payloads in logs (Verbose)";

    [Test]
    public async Task No_secret_or_payload_canary_is_in_any_log_at_Verbose()
    {
        var cases = new AttackCases(Class, "LogCanaryTests.No_secret_or_payload_canary_…");
        string Canary(string what) => $"CANARY{what}{Guid.NewGuid():N}";
        var canaries = new Dictionary<string, string>
        {
            ["endpoint secret (env:)"] = Canary("ENDPOINTKEY"),
            ["console password"] = Canary("PASSWORD"),
            ["wrong console password"] = Canary("WRONGPASSWORD"),
            ["forged API token"] = "gw_" + Canary("FORGEDTOKEN"),
            ["payload (folder)"] = Canary("PAYLOADFOLDER"),
            ["payload (AS2)"] = Canary("PAYLOADAS2"),
            ["payload (broken interchange)"] = Canary("PAYLOADBROKEN"),
            ["payload (JSON event)"] = Canary("PAYLOADEVENT"),
        };
        await using var as2 = await As2Partnership.StartAsync(start: false);
        var gateway = as2.Gateway;
        canaries["AS2 key password (file:)"] = as2.Ours.PfxPassword;
        gateway.AddX12Partner("acme", "ACME");
        string password = gateway.AddUser("canary-admin", Role.Admin);
        canaries["console password"] = password;
        using var api = gateway.ApiClient(Role.Admin);
        canaries["API token"] = api.DefaultRequestHeaders.Authorization!.Parameter!;
        gateway.ExtraArguments.AddRange([
            "--Serilog:MinimumLevel:Default=Verbose",
            "--Serilog:MinimumLevel:Override:Microsoft=Verbose",
            "--Serilog:MinimumLevel:Override:System=Verbose",
            "--Serilog:MinimumLevel:Override:Quartz=Verbose",
            "--Gateway:Endpoints:erp:Auth:Type=apiKey",
            "--Gateway:Endpoints:erp:Auth:Secret=env:GATEWAY_TEST_CANARY_KEY",
        ]);

        using (var child = Child.Start(gateway, new() { ["GATEWAY_TEST_CANARY_KEY"] = canaries["endpoint secret (env:)"] }))
        {
            await WaitForListenerAsync(gateway.AdminUrl, child);
            string folderOrder = GatewayFiles.X12Orders("ACME", "DISTRIBUTOR", 1001).Replace("WIDGET NUMBER 1", canaries["payload (folder)"], StringComparison.Ordinal);
            gateway.Drop(gateway.InboxOf("acme"), "po.edi", folderOrder);
            string as2Order = GatewayFiles.X12Orders("SENDER", "RECEIVER", 1002).Replace("1 MAIN ST", canaries["payload (AS2)"], StringComparison.Ordinal);
            using (var response = await as2.PostAsync(await as2.SignedAndEncryptedAsync(as2Order)))
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            }
            gateway.Drop(gateway.InboxOf("acme"), "broken.edi", "ISA*00*" + canaries["payload (broken interchange)"] + "*GS*PO~ST*850~BEG*" + canaries["payload (broken interchange)"] + "~");
            await TestGateway.WaitUntil(() => gateway.Erp.Calls.Count >= 2, "both orders delivered (the ERP call carries the secret)", seconds: 60);

            using (var session = new ConsoleSession(gateway.AdminUrl))
            {
                using var wrong = await session.SignInAsync("canary-admin", canaries["wrong console password"]);
                using var right = await session.SignInAsync("canary-admin", password);
                Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "signed in");
                await session.GetStringAsync("/documents");
                await session.GetStringAsync("/documents?Reference=1001-PO000001");
            }
            using (var documents = await api.GetAsync("/api/documents"))
            {
                Assert.That(documents.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the API token works");
            }
            using (var forged = new HttpClient { BaseAddress = new Uri(gateway.AdminUrl) })
            {
                forged.DefaultRequestHeaders.Authorization = new("Bearer", canaries["forged API token"]);
                using var refused = await forged.GetAsync("/api/documents");
                Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            }
            using (var unmappable = await api.PostAsync("/api/outbound/acme/856", new StringContent($$"""{"shipmentId":"{{canaries["payload (JSON event)"]}}","note":"{{canaries["payload (JSON event)"]}}"}""", Encoding.UTF8, "application/json")))
            {
                Assert.That((int)unmappable.StatusCode, Is.LessThan(500));
            }
            await Task.Delay(500);
            child.Terminate();
            Assert.That(await child.WaitForExitAsync(30), Is.True, "the gateway stopped on SIGTERM");

            string logs = Path.Combine(gateway.DataDirectory, "logs");
            var files = Directory.Exists(logs) ? Directory.GetFiles(logs, "*", SearchOption.AllDirectories) : [];
            Assert.That(files, Is.Not.Empty, "the file log was written");
            var texts = files.ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f), StringComparer.Ordinal);
            texts["(standard output)"] = child.Output;
            texts["(standard error)"] = child.Errors;
            Assert.That(texts.Values.Sum(t => t.Length), Is.GreaterThan(10_000), "Verbose logging produced a real volume to search");
            Assert.That(child.Output.Contains(" DBG]", StringComparison.Ordinal), Is.True, "the console log runs below Information (Verbose configured)");
            foreach (var (what, canary) in canaries)
            {
                var hits = texts.Where(t => t.Value.Contains(canary, StringComparison.Ordinal)).Select(t => t.Key).ToList();
                cases.Check(hits.Count == 0, $"{what} found in {string.Join(", ", hits)}: {Around(texts[hits.FirstOrDefault() ?? texts.Keys.First()], canary)}");
            }
        }
        cases.Finish();
    }

    private static string Around(string text, string canary)
    {
        int at = text.IndexOf(canary, StringComparison.Ordinal);
        return at < 0 ? "" : text[Math.Max(0, at - 200)..Math.Min(text.Length, at + canary.Length + 50)];
    }

    private static async Task WaitForListenerAsync(string adminUrl, Child child)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            Assert.That(child.HasExited, Is.False, child.Errors);
            try
            {
                using var answer = await http.GetAsync(adminUrl + "/login");
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        Assert.Fail("the gateway did not listen within 60 s");
    }

    /// <summary>The real <c>gateway run</c> with its whole standard output and error kept (GatewayChild keeps only errors).</summary>
    private sealed class Child : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly StringBuilder _errors = new();

        private Child(Process process) => _process = process;

        public bool HasExited => _process.HasExited;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public string Errors
        {
            get
            {
                lock (_errors)
                {
                    return _errors.ToString();
                }
            }
        }

        public static Child Start(TestGateway gateway, Dictionary<string, string> environment)
        {
            var start = GatewayChild.StartInfo(gateway);
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
            var child = new Child(Process.Start(start)!);
            child._process.OutputDataReceived += (_, e) => Append(child._output, e.Data);
            child._process.ErrorDataReceived += (_, e) => Append(child._errors, e.Data);
            child._process.BeginOutputReadLine();
            child._process.BeginErrorReadLine();
            return child;
        }

        private static void Append(StringBuilder to, string? line)
        {
            lock (to)
            {
                to.AppendLine(line);
            }
        }

        public void Terminate()
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }

        public async Task<bool> WaitForExitAsync(double seconds)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
                // The asynchronous readers may still hold the last lines: WaitForExit() without a timeout drains them.
                _process.WaitForExit();
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
            _process.Dispose();
        }
    }
}
