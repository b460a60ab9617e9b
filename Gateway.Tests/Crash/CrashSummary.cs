using System.Globalization;

namespace Gateway.Tests.Crash;

/// <summary>The table a crash run prints at its end: per channel, what was sent and what went wrong.</summary>
internal sealed class CrashSummary(CrashRunSettings settings, int namedKills, TimeSpan elapsed)
{
    private readonly List<(CrashChannel Channel, int Documents, int Lost, int Duplicates, int AcksWithoutRecord, TimeSpan? Delivered)> _rows = [];

    public int Lost => _rows.Sum(r => r.Lost);

    public int Duplicates => _rows.Sum(r => r.Duplicates);

    public int AcksWithoutRecord => _rows.Sum(r => r.AcksWithoutRecord);

    public void Add(CrashChannel channel, int documents, int lost, int duplicates, int acksWithoutRecord, TimeSpan? delivered) =>
        _rows.Add((channel, documents, lost, duplicates, acksWithoutRecord, delivered));

    public void Print(TextWriter output, IReadOnlyCollection<string> unreached, int as2Posts)
    {
        string kills = $"{settings.RandomKills} + {namedKills}";
        output.WriteLine($"crash consistency, seed {settings.Seed}, {elapsed.TotalSeconds:F0} s in all, {as2Posts} AS2 posts (retries included)");
        output.WriteLine($"{"channel",-8} {"documents",9} {"kills (random + named)",22} {"lost",5} {"duplicate effects",17} {"acks without record",19} {"all delivered after last kill",29}");
        foreach (var row in _rows)
        {
            output.WriteLine($"{row.Channel.ToString().ToLowerInvariant(),-8} {row.Documents,9} {kills,22} {row.Lost,5} {row.Duplicates,17} {row.AcksWithoutRecord,19} {Seconds(row.Delivered),29}");
        }
        output.WriteLine($"{"total",-8} {_rows.Sum(r => r.Documents),9} {kills,22} {Lost,5} {Duplicates,17} {AcksWithoutRecord,19} {(_rows.Any(r => r.Delivered is null) ? "never" : Seconds(_rows.Max(r => r.Delivered))),29}");
        if (unreached.Count > 0)
        {
            output.WriteLine($"named points never reached: {string.Join(", ", unreached)}");
        }
    }

    private static string Seconds(TimeSpan? span) => span is not { } value ? "never" : value.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s";
}
