using System.Diagnostics;
using System.Globalization;
using Gateway.Edi.X12;
using Gateway.Edi.X12.Acknowledgments;

namespace Gateway.Benchmarks;

/// <summary>One timed pass over a file: the raw reader, parse + validate, or parse + validate + ack.</summary>
internal static class Measurement
{
    public static readonly string[] Phases = ["read", "parse+validate", "validate+ack"];

    public static string Run(string phase, string file)
    {
        long bytes = new FileInfo(file).Length;
        // Warm up for a second: JIT tiers and schema loading are not what we measure.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(1))
        {
            Pass(phase, file);
        }
        var clock = Stopwatch.StartNew();
        long sets = Pass(phase, file);
        double seconds = clock.Elapsed.TotalSeconds;
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return string.Create(CultureInfo.InvariantCulture,
            $"{phase,-16} {bytes / 1e6 / seconds,8:F1} {sets / seconds,10:F0} {self.PeakWorkingSet64 / 1048576.0,9:F1}");
    }

    private static long Pass(string phase, string file)
    {
        using FileStream stream = new(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        long sets = 0;
        if (phase == "read")
        {
            using var reader = new X12Reader(stream);
            while (reader.Read())
            {
                sets += reader.Kind == X12ReadKind.TransactionSet ? 1 : 0;
            }
            return sets;
        }
        var builder = new X12AcknowledgmentBuilder(new X12SequentialControlNumbers());
        foreach (X12InterchangeResult result in new X12Validator().ValidateStream(stream))
        {
            sets += result.Groups.Sum(g => g.Documents.Count);
            if (phase == "validate+ack" && builder.Build(result) is null)
            {
                throw new InvalidOperationException("No acknowledgment was built.");
            }
            if (!result.IsValid)
            {
                throw new InvalidOperationException($"The generated batch is not valid: {result.AllIssues.First()}");
            }
        }
        return sets;
    }
}
