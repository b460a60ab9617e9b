using System.Collections.Concurrent;
using System.Text;
using Gateway.Tests.Support;

namespace Gateway.Tests.Adversarial;

/// <summary>The table printed at the end of a run: per category the cases tried, each outcome's count, failures, known bugs and the slowest input.</summary>
[SetUpFixture]
public sealed class MalformedInputSummary
{
    private static readonly ConcurrentQueue<MalformedInputRun> Runs = new();

    internal static void Add(MalformedInputRun run) => Runs.Enqueue(run);

    internal static string Row(MalformedInputRun run) =>
        $"| {run.Category,-16} | {run.Tried,8:N0} | {string.Join(", ", run.Outcomes.Select(o => $"{o.Key} {o.Value:N0}")),-90} | {run.FailureCount,8:N0} | {run.KnownCount,6:N0} | {run.SlowestMilliseconds,8:F1} | {run.Elapsed.TotalSeconds,6:F1} |";

    [OneTimeTearDown]
    public void PrintTable()
    {
        if (Runs.IsEmpty)
        {
            return;
        }
        var runs = Runs.OrderBy(r => r.Category, StringComparer.Ordinal).ToList();
        var table = new StringBuilder();
        table.Append("\nMalformed input (issue #11 item 2), seed ").Append(FuzzSettings.Seed).Append(", ").Append(FuzzSettings.TotalCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)).Append(" cases asked\n");
        table.Append($"| {"category",-16} | {"tried",8} | {"outcomes",-90} | {"failures",8} | {"known",6} | {"slow ms",8} | {"secs",6} |\n");
        foreach (var run in runs)
        {
            table.Append(Row(run)).Append('\n');
        }
        table.Append($"| {"total",-16} | {runs.Sum(r => r.Tried),8:N0} | {"",-90} | {runs.Sum(r => r.FailureCount),8:N0} | {runs.Sum(r => r.KnownCount),6:N0} | {runs.Max(r => r.SlowestMilliseconds),8:F1} | {runs.Sum(r => r.Elapsed.TotalSeconds),6:F1} |\n");
        foreach (var run in runs.Where(r => r.KnownCount > 0))
        {
            table.Append("known bugs in ").Append(run.Category).Append(" (not failing the run; see Adversarial/KnownBugs.cs):\n").Append(MalformedInputRun.Describe(run.Known));
        }
        RunSummary.Publish("malformed-input", table.ToString());
    }
}
