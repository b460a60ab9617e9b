using System.Collections.Concurrent;

namespace Gateway.Host.Certificates;

/// <summary>
/// What the certificate expiry job has already said and found, kept for the life of the process: Quartz creates the job
/// anew for every run, so this singleton is what makes each warning appear once, and what the console shows.
/// </summary>
internal sealed class CertificateExpiryWarnings
{
    private readonly ConcurrentDictionary<string, bool> _told = new(StringComparer.Ordinal);
    private volatile Snapshot _last = new([], null);

    /// <summary>Days before expiry at which a warning is logged, widest first.</summary>
    public static IReadOnlyList<int> ThresholdDays { get; } = [CertificateEntry.SoonDays, 30, 7];

    /// <summary>The certificates expiring within <see cref="CertificateEntry.SoonDays"/> days (or expired) or with a problem, as of the last run.</summary>
    public IReadOnlyList<CertificateEntry> Current => _last.Entries;

    /// <summary>When the last run looked, or null before the first.</summary>
    public DateTimeOffset? CheckedAt => _last.At;

    /// <summary>True the first time it is asked about <paramref name="entry"/> and <paramref name="level"/> (a threshold, "expired", "problem"), false after.</summary>
    public bool FirstTime(CertificateEntry entry, string level)
    {
        ArgumentNullException.ThrowIfNull(entry);
        // The thumbprint makes a renewed certificate in the same file a new one; a problem has none, so its text stands in.
        string key = string.Join('\n', entry.Thumbprint ?? entry.File, entry.PartnerId, entry.Use, level, entry.Problem ?? "");
        return _told.TryAdd(key, true);
    }

    /// <summary>Replaces <see cref="Current"/> with what a run found.</summary>
    public void Publish(IReadOnlyList<CertificateEntry> entries, DateTimeOffset at) => _last = new Snapshot(entries, at);

    // One reference, swapped whole, so a reader never sees the list of one run with the time of another.
    private sealed record Snapshot(IReadOnlyList<CertificateEntry> Entries, DateTimeOffset? At);
}
