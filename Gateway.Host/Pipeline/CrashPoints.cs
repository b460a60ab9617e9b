using System.Collections.Concurrent;

namespace Gateway.Host.Pipeline;

/// <summary>
/// Named moments where the crash-consistency tests kill the gateway (SIGKILL, no clean-up), chosen with the
/// environment variable <c>GATEWAY_CRASH_AT=name</c> or <c>name:N</c> (the N-th time). Unset in production: every call is a no-op.
/// </summary>
internal static class CrashPoints
{
    private static readonly (string Name, int Count)? Target = Parse(Environment.GetEnvironmentVariable("GATEWAY_CRASH_AT"));
    private static readonly ConcurrentDictionary<string, int> Reached = new(StringComparer.Ordinal);

    public static void Reach(string name)
    {
        if (Target is { } target && target.Name == name && Reached.AddOrUpdate(name, 1, (_, n) => n + 1) == target.Count)
        {
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            self.Kill();   // SIGKILL: nothing flushed, no finally blocks, exactly like a power cut for the process
        }
    }

    private static (string, int)? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        int colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (value, 1) : (value[..colon], int.Parse(value[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
