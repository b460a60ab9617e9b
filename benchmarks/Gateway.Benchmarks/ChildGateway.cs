using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Gateway.Benchmarks;

/// <summary>
/// The published gateway as a child process in a temporary root, the way the whole-gateway benchmarks run it:
/// durability on, the sandbox off, its ERP and CRM pointed at a loopback back end, warnings only on its console, and
/// the runtime settings of the deploy files.
/// </summary>
internal static class ChildGateway
{
    /// <summary>Starts the gateway in <paramref name="root"/>; <paramref name="extraArguments"/> come last, so they override.</summary>
    public static Process Start(string gateway, string root, int erpPort, int adminPort, params IEnumerable<string> extraArguments)
    {
        var start = new ProcessStartInfo(gateway) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[]
        {
            "run",
            $"--Gateway:Listeners:Admin=http://127.0.0.1:{adminPort}",
            $"--Gateway:Endpoints:erp:BaseUrl=http://127.0.0.1:{erpPort}/erp/",
            $"--Gateway:Endpoints:crm:BaseUrl=http://127.0.0.1:{erpPort}/crm/",
            "--Gateway:Sandbox:Enabled=false",
            "--Gateway:FolderPollMilliseconds=100",
            // Logging as appsettings.json ships it: a line per document at Information.
            "--Serilog:MinimumLevel:Default=Information",
            "--Serilog:MinimumLevel:Override:Microsoft=Warning",
            "--Serilog:MinimumLevel:Override:System=Warning",
        }.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }
        // As the deploy files run the service.
        start.Environment["DOTNET_GCgen0size"] = "0x400000";
        start.Environment["DOTNET_TC_CallCountingDelayMs"] = "0";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// Waits up to 10 s for <c>GET /health</c> on <paramref name="port"/> to answer: 200 on the partner listener, 401 on
    /// the admin listener (where health needs a token like every admin route); either proves the gateway is up.
    /// </summary>
    public static void WaitForHealth(int port)
    {
        using var http = new HttpClient();
        for (int i = 0; i < 200; i++)
        {
            try
            {
                var status = http.GetAsync(new Uri($"http://127.0.0.1:{port}/health")).GetAwaiter().GetResult().StatusCode;
                if (status is System.Net.HttpStatusCode.OK or System.Net.HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            Thread.Sleep(50);
        }
        throw new InvalidOperationException("the gateway did not start");
    }

    /// <summary>The peak resident memory (VmHWM) of process <paramref name="pid"/>, in MiB.</summary>
    public static double PeakMiB(int pid)
    {
        string line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>The CPU time (user and system, all threads) process <paramref name="pid"/> has used so far, in seconds.</summary>
    public static double CpuSeconds(int pid)
    {
        // Fields 14 and 15 of /proc/PID/stat, in clock ticks of 1/100 s; the name in field 2 may hold spaces, so count after its ')'.
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>The CPU time the whole machine has been busy (all cores, any process), in seconds, from /proc/stat.</summary>
    public static double MachineBusySeconds()
    {
        // cpu  user nice system idle iowait irq softirq steal ...: everything but idle and iowait is busy.
        long[] ticks = [.. File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(t => long.Parse(t, CultureInfo.InvariantCulture))];
        return (ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6] + ticks[7]) / 100.0;
    }

    /// <summary>A loopback TCP port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
