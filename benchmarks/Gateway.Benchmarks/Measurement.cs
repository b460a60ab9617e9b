using System.Diagnostics;
using System.Globalization;
using Gateway.Edi.Edifact;
using Gateway.Edi.Edifact.Acknowledgments;
using Gateway.Edi.X12;
using Gateway.Edi.X12.Acknowledgments;

namespace Gateway.Benchmarks;

/// <summary>One timed pass over a file: the raw reader, parse + validate, or parse + validate + ack.</summary>
internal static class Measurement
{
    public static readonly string[] Phases = ["read", "parse+validate", "validate+ack"];

    /// <summary>Peak working set of one pass in a fresh process: what handling this one file costs.</summary>
    public static string Memory(string phase, string file)
    {
        Pass(phase, file);
        return PeakWorkingSet.MiB().ToString("F1", CultureInfo.InvariantCulture);
    }

    /// <summary>Throughput after warm-up: the fastest of three passes.</summary>
    public static string Run(string phase, string file)
    {
        long bytes = new FileInfo(file).Length;
        // Warm up for a second: JIT tiers and schema loading are not what we measure.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(1))
        {
            Pass(phase, file);
        }
        // Three timed passes; the fastest is reported, since the machine is shared.
        double best = double.MaxValue;
        long sets = 0;
        for (int run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            sets = Pass(phase, file);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return string.Create(CultureInfo.InvariantCulture, $"{phase,-16} {bytes / 1e6 / best,8:F1} {sets / best,10:F0}");
    }

    /// <summary>Processor time (all threads, GC included) per MB over <paramref name="passes"/> passes after warm-up, and the wall-clock rate.</summary>
    public static string Cpu(string phase, string file, int passes)
    {
        long bytes = new FileInfo(file).Length;
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(1))
        {
            Pass(phase, file);
        }
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        TimeSpan before = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (int run = 0; run < passes; run++)
        {
            Pass(phase, file);
        }
        double wall = clock.Elapsed.TotalSeconds;
        self.Refresh();
        double cpu = (self.TotalProcessorTime - before).TotalMilliseconds;
        double megabytes = bytes / 1e6 * passes;
        return string.Create(CultureInfo.InvariantCulture, $"{phase,-16} {cpu / megabytes,8:F3} ms CPU/MB {megabytes / wall,8:F1} MB/s wall");
    }

    private static long Pass(string phase, string file)
    {
        using FileStream stream = new(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return Path.GetFileName(file).StartsWith("orders-", StringComparison.Ordinal) ? EdifactPass(phase, stream) : X12Pass(phase, stream);
    }

    private static long EdifactPass(string phase, Stream stream)
    {
        long messages = 0;
        if (phase == "read")
        {
            using var reader = new EdifactReader(stream);
            while (reader.Read())
            {
                messages += reader.Kind == EdifactReadKind.Message ? 1 : 0;
            }
            return messages;
        }
        var builder = new EdifactContrlBuilder(() => "1", new EdifactAcknowledgmentOptions { Policy = EdifactAcknowledgmentPolicy.Always, Positive = true });
        foreach (EdifactInterchangeResult result in new EdifactValidator().ValidateStream(stream))
        {
            messages += result.Groups.Sum(g => g.Messages.Count);
            if (phase == "validate+ack" && builder.Build(result) is null)
            {
                throw new InvalidOperationException("No CONTRL was built.");
            }
            if (!result.IsValid)
            {
                throw new InvalidOperationException($"The generated batch is not valid: {result.AllIssues.First()}");
            }
        }
        return messages;
    }

    private static long X12Pass(string phase, Stream stream)
    {
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
