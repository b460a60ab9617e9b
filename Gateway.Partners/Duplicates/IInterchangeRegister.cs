namespace Gateway.Partners.Duplicates;

/// <summary>Remembers the interchanges each partner sent, durably, to recognise one sent again.</summary>
public interface IInterchangeRegister
{
    /// <summary>
    /// Records that <paramref name="trackingId"/> carries <paramref name="key"/>, and returns the earlier registration of the
    /// same key under another tracking id received within <paramref name="window"/> of <paramref name="receivedAt"/>, if any.
    /// Registering the same tracking id again (a resumed document) is not a duplicate.
    /// </summary>
    InterchangeRegistration? Register(InterchangeKey key, string trackingId, DateTimeOffset receivedAt, TimeSpan window);

    /// <summary>Forgets registrations received before <paramref name="cutoff"/> (the retention job).</summary>
    int Purge(DateTimeOffset cutoff);
}
