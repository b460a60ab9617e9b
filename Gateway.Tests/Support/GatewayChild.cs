using System.Diagnostics;

namespace Gateway.Tests.Support;

/// <summary>The real <c>gateway run</c> in a child process over a <see cref="TestGateway"/>'s folders, so a test can SIGKILL it.</summary>
internal sealed class GatewayChild : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _errors = new();

    private GatewayChild(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once exited: 137 (128 + 9) after a SIGKILL.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>What the child wrote to standard error (startup failures land here).</summary>
    public string Errors => _errors.ToString();

    /// <summary>How to run <c>gateway run</c> over <paramref name="gateway"/>'s folder as a process of its own, output redirected.</summary>
    public static ProcessStartInfo StartInfo(TestGateway gateway)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = gateway.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "gateway.dll"));
        start.ArgumentList.Add("run");
        foreach (string argument in gateway.Arguments())
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }

    public static GatewayChild Start(TestGateway gateway, string? crashAt = null)
    {
        var start = StartInfo(gateway);
        if (crashAt is not null)
        {
            start.Environment["GATEWAY_CRASH_AT"] = crashAt;
        }
        var process = Process.Start(start)!;
        var child = new GatewayChild(process);
        // Drain the pipes so a chatty child never blocks on a full one.
        process.OutputDataReceived += (_, e) =>
        {
            // Fatal start-up errors go to the console log: keep them with stderr for the assertion message.
            if (e.Data is { } line && (line.Contains("[FTL]", StringComparison.Ordinal) || line.Contains("[ERR]", StringComparison.Ordinal)))
            {
                lock (child._errors)
                {
                    child._errors.AppendLine(line);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (child._errors)
            {
                child._errors.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for the child to end by itself (a crash point killed it); false when it is still running after <paramref name="seconds"/>.</summary>
    public async Task<bool> WaitForExitAsync(double seconds)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, as systemd stops a service: the gateway shuts down in order.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
