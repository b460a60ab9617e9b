using System.Globalization;

namespace Gateway.Tests.Adversarial;

/// <summary>
/// The time the calling thread has spent on a core, which other suites running beside this one do not inflate: read
/// from Linux's <c>/proc/thread-self/schedstat</c> (nanoseconds); NaN where the system does not report it.
/// </summary>
internal static class ThreadCpuTime
{
    public static double Milliseconds()
    {
        try
        {
            string text = File.ReadAllText("/proc/thread-self/schedstat");
            int end = text.IndexOf(' ', StringComparison.Ordinal);
            return long.TryParse(text.AsSpan(0, end < 0 ? text.Length : end), NumberStyles.None, CultureInfo.InvariantCulture, out long nanoseconds)
                ? nanoseconds / 1e6
                : double.NaN;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return double.NaN;
        }
    }
}
