using System.Globalization;
using Gateway.Partners.Duplicates;
using Gateway.Partners.Profiles;

namespace Gateway.Host.Tracking;

/// <summary>The duplicate-interchange register in a <see cref="DurableJournal"/>: a registration is on disk before it counts.</summary>
internal sealed class FileInterchangeRegister : IInterchangeRegister, IDisposable
{
    private readonly Lock _gate = new();
    private readonly DurableJournal _journal;
    private readonly Dictionary<string, InterchangeRegistration> _byKey = new(StringComparer.Ordinal);

    public FileInterchangeRegister(string path)
    {
        _journal = new DurableJournal(path);
        foreach (var record in _journal.Records)
        {
            var registration = Parse(record);
            _byKey[registration.Key.ToString()] = registration;
        }
    }

    public InterchangeRegistration? Register(InterchangeKey key, string trackingId, DateTimeOffset receivedAt, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(trackingId);
        lock (_gate)
        {
            if (_byKey.TryGetValue(key.ToString(), out var earlier))
            {
                if (earlier.TrackingId == trackingId)
                {
                    return null;   // the same document resumed after a restart
                }
                if (receivedAt - earlier.ReceivedAt <= window)
                {
                    return earlier;
                }
            }
            var registration = new InterchangeRegistration(key, trackingId, receivedAt);
            _journal.Append(Format(registration));
            _byKey[key.ToString()] = registration;
            return null;
        }
    }

    public int Purge(DateTimeOffset cutoff)
    {
        lock (_gate)
        {
            var old = _byKey.Where(p => p.Value.ReceivedAt < cutoff).Select(p => p.Key).ToList();
            if (old.Count > 0)
            {
                old.ForEach(k => _byKey.Remove(k));
                _journal.Rewrite(_byKey.Values.OrderBy(r => r.ReceivedAt).Select(Format));
            }
            return old.Count;
        }
    }

    public void Dispose() => _journal.Dispose();

    private static string[] Format(InterchangeRegistration r) =>
        [r.Key.PartnerId, r.Key.Standard == EdiStandard.X12 ? "x12" : "edifact", r.Key.ControlNumber, r.TrackingId, r.ReceivedAt.ToString("O", CultureInfo.InvariantCulture)];

    private static InterchangeRegistration Parse(string[] record) =>
        new(new InterchangeKey(record[0], record[1] == "x12" ? EdiStandard.X12 : EdiStandard.Edifact, record[2]),
            record[3],
            DateTimeOffset.Parse(record[4], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
}
