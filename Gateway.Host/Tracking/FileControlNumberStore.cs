using Gateway.Partners.ControlNumbers;

namespace Gateway.Host.Tracking;

/// <summary>Control-number sequences in a <see cref="DurableJournal"/>: every number is on disk before it is handed out.</summary>
internal sealed class FileControlNumberStore : IControlNumberStore, IDisposable
{
    private readonly Lock _gate = new();
    private readonly DurableJournal _journal;
    private readonly Dictionary<string, long> _last = new(StringComparer.Ordinal);

    public FileControlNumberStore(string path)
    {
        _journal = new DurableJournal(path);
        foreach (var record in _journal.Records)
        {
            _last[record[0]] = long.Parse(record[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        if (_journal.Records.Count > 4 * Math.Max(_last.Count, 256))
        {
            _journal.Rewrite(_last.Select(p => new[] { p.Key, Format(p.Value) }));   // keep opening fast
        }
    }

    public long Allocate(string sequence, long first, long last)
    {
        ArgumentException.ThrowIfNullOrEmpty(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(first, last);
        lock (_gate)
        {
            long next = _last.TryGetValue(sequence, out long previous) && previous >= first && previous < last ? previous + 1 : first;
            _journal.Append(sequence, Format(next));
            _last[sequence] = next;
            return next;
        }
    }

    public void Dispose() => _journal.Dispose();

    private static string Format(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
