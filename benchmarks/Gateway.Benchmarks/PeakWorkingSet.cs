using System.Diagnostics;
using System.Globalization;

namespace Gateway.Benchmarks;

/// <summary>The process's peak resident memory (VmHWM on Linux).</summary>
internal static class PeakWorkingSet
{
    private const string Status = "/proc/self/status";

    /// <summary>The peak since the process started, in MiB.</summary>
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
