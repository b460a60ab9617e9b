using Gateway.Host.Tracking;

namespace Gateway.Host.Outbound;

/// <summary>When a document that failed to send over SFTP or email is tried again: 30 s, doubling to an hour; it stays queued meanwhile.</summary>
internal static class OutboundBackoff
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    /// <summary>Records the failure on <paramref name="item"/> and returns the delay before its next attempt.</summary>
    public static TimeSpan Fail(OutboundRecord item, string reason, TimeProvider time)
    {
        item.Attempts++;
        item.LastError = reason;
        var delay = TimeSpan.FromTicks(Math.Min(Longest.Ticks, First.Ticks * (1L << Math.Min(item.Attempts - 1, 16))));
        item.NextAttemptAt = time.GetUtcNow() + delay;
        return delay;
    }
}
