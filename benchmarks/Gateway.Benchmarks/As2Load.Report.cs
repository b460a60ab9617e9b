using System.Globalization;

namespace Gateway.Benchmarks;

/// <summary>The AS2 load's table: one row per window, then what was lost and whether the warm window meets issue #8's target.</summary>
internal static partial class As2Load
{
    private static void Report(Message[] all, Outcome outcome, int senders)
    {
        Window[] windows = [outcome.Started, outcome.Warm];
        int cores = Environment.ProcessorCount;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"AS2 receive over loopback HTTP: X12 850s of {all.Average(m => m.Payload) / 1000:F1} KB signed (SHA-256) and encrypted (AES-256-CBC), {all.Average(m => m.Body.Length) / 1000:F1} KB posted, sync signed MDN; {cores} cores, .NET {Environment.Version}:"));
        Console.WriteLine($"{"window",-13} {"messages",8} {"senders",7} {"seconds",7} {"msg/s",6} {"p50 ms",7} {"p99 ms",7} {"max ms",7} {"failures",8} {"gateway CPU",11} {"ms CPU/msg",10} {"peak MiB",8} {"other processes",15}");
        foreach (var window in windows)
        {
            double[] latencies = [.. window.Results.Select(r => r.Milliseconds).Order()];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{window.Name,-13} {latencies.Length,8:N0} {senders,7} {window.Seconds,7:F2} {latencies.Length / window.Seconds,6:N0} {Percentile(latencies, 0.50),7:F1} {Percentile(latencies, 0.99),7:F1} {latencies[^1],7:F1} {window.Results.Count(r => r.Failure is not null),8:N0} {window.GatewayCpu / window.Seconds / cores,11:P0} {window.GatewayCpu * 1000 / latencies.Length,10:F1} {window.PeakMiB,8:F0} {window.OthersCpu / window.Seconds / cores,15:P0}"));
        }
        var judged = windows[^1];
        double[] warm = [.. judged.Results.Select(r => r.Milliseconds).Order()];
        double rate = warm.Length / judged.Seconds;
        int lost = Math.Max(0, outcome.Processed - outcome.Delivered);
        bool met = rate >= TargetPerSecond && Percentile(warm, 0.99) < TargetP99Milliseconds && lost == 0 && outcome.All.All(r => r.Failure is null);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"lost: {lost:N0} of {outcome.Processed:N0} processed MDNs (with the {WarmUpMessages} warm-up messages) not at the ERP {outcome.Drained:F2} s after the last MDN{(lost == 0 ? "" : " (the wait ends after 2 minutes)")}; {outcome.Delivered:N0} distinct documents arrived"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"target (warm window): >= {TargetPerSecond:N0} msg/s, p99 < {TargetP99Milliseconds:N0} ms, 0 lost, on 2 cores (this machine: {cores}): {(met ? "met" : "MISSED")}; load client and ERP used {judged.LoadCpu / judged.Seconds / cores:P0} of the machine"));
        if (windows.Any(w => w.OthersCpu / w.Seconds / cores > 0.05))
        {
            Console.WriteLine("other processes used more than 5 % of the machine during a window: rerun on a quiet machine before trusting the rates");
        }
        foreach (var failure in outcome.All.Where(r => r.Failure is not null).GroupBy(r => r.Failure).Take(5))
        {
            Console.WriteLine($"  {failure.Count():N0} x {failure.Key}");
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
