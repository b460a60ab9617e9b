using System.Diagnostics;
using System.Globalization;

namespace Gateway.Benchmarks;

/// <summary>The process's peak resident memory, which Linux can restart from the current value.</summary>
internal static class PeakWorkingSet
{
    private const string Status = "/proc/self/status";

    /// <summary>Restarts the peak at the current resident size (Linux: "5" into clear_refs); elsewhere a no-op.</summary>
    public static void Reset()
    {
        if (OperatingSystem.IsLinux())
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
    }

    /// <summary>The peak since start or since <see cref="Reset"/>, in MiB.</summary>
    public static double MiB()
    {
        if (OperatingSystem.IsLinux())
        {
            string line = File.ReadLines(Status).First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        }
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.PeakWorkingSet64 / 1048576.0;
    }
}
