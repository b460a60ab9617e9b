using System.Collections.Concurrent;
using Gateway.Host.Configuration;

namespace Gateway.Host.Admin.Metrics;

/// <summary>
/// Calls, failures and latency percentiles per back-end endpoint over a sliding hour, for the console's dashboard. Fed by
/// the same hook as the call histogram; lock-free: one slot per minute, each a log-scale histogram (buckets 20 % apart),
/// so a sample or two may be lost at the turn of a minute and percentiles are within about 10 %.
/// </summary>
internal sealed class BackendCallStats
{
    private const int Minutes = 60;
    private const int Buckets = 80;   // 1.2^79 ms is about half an hour: no call waits that long
    private static readonly double LogGrowth = Math.Log(1.2);

    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Slot[]> _endpoints = new(StringComparer.Ordinal);

    public BackendCallStats(TimeProvider time, GatewaySettings settings)
    {
        _time = time;
        // Every configured endpoint shows, even before its first call.
        foreach (string endpoint in settings.Endpoints.Keys)
        {
            _endpoints.TryAdd(endpoint, NewWindow());
        }
    }

    /// <summary>Counts one call to <paramref name="endpoint"/> (a configured name: callers check it first).</summary>
    public void Record(string endpoint, bool succeeded, TimeSpan elapsed)
    {
        long minute = CurrentMinute();
        var slot = _endpoints.GetOrAdd(endpoint, static _ => NewWindow())[minute % Minutes];
        long seen = Volatile.Read(ref slot.Minute);
        if (seen != minute)
        {
            if (seen > minute)
            {
                return;   // the clock went back: this slot already holds later calls
            }
            if (Interlocked.CompareExchange(ref slot.Minute, minute, seen) == seen)
            {
                slot.Clear();   // an hour-old minute: start it afresh
            }
        }
        Interlocked.Increment(ref slot.Calls);
        if (!succeeded)
        {
            Interlocked.Increment(ref slot.Failures);
        }
        Interlocked.Increment(ref slot.Latency[BucketOf(elapsed.TotalMilliseconds)]);
    }

    /// <summary>Each endpoint's calls in the last hour, by name.</summary>
    public IReadOnlyList<EndpointCallStats> Snapshot()
    {
        long minute = CurrentMinute();
        var stats = new List<EndpointCallStats>();
        foreach (var (endpoint, window) in _endpoints)
        {
            long calls = 0, failures = 0;
            var latency = new long[Buckets];
            foreach (var slot in window.Where(s => Volatile.Read(ref s.Minute) > minute - Minutes))
            {
                calls += Volatile.Read(ref slot.Calls);
                failures += Volatile.Read(ref slot.Failures);
                for (int i = 0; i < Buckets; i++)
                {
                    latency[i] += Volatile.Read(ref slot.Latency[i]);
                }
            }
            stats.Add(new EndpointCallStats(endpoint, calls, failures, Percentile(latency, 0.50), Percentile(latency, 0.95)));
        }
        return [.. stats.OrderBy(s => s.Endpoint, StringComparer.Ordinal)];
    }

    private long CurrentMinute() => _time.GetUtcNow().ToUnixTimeSeconds() / 60;

    private static Slot[] NewWindow() => [.. Enumerable.Range(0, Minutes).Select(_ => new Slot())];

    // Bucket 0 holds calls up to 1 ms; bucket i those from 1.2^(i-1) to 1.2^i ms.
    private static int BucketOf(double milliseconds) =>
        milliseconds <= 1 ? 0 : Math.Min(Buckets - 1, 1 + (int)(Math.Log(milliseconds) / LogGrowth));

    private static double UpperBound(int bucket) => Math.Round(Math.Pow(1.2, bucket), 1);

    private static double? Percentile(long[] latency, double quantile)
    {
        long total = latency.Sum();
        if (total == 0)
        {
            return null;
        }
        long rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (int i = 0; i < Buckets; i++)
        {
            seen += latency[i];
            if (seen >= rank)
            {
                return UpperBound(i);
            }
        }
        return UpperBound(Buckets - 1);
    }

    /// <summary>One minute of one endpoint's calls.</summary>
    private sealed class Slot
    {
        public long Minute = -1;
        public long Calls;
        public long Failures;
        public readonly long[] Latency = new long[Buckets];

        public void Clear()
        {
            Interlocked.Exchange(ref Calls, 0);
            Interlocked.Exchange(ref Failures, 0);
            for (int i = 0; i < Latency.Length; i++)
            {
                Interlocked.Exchange(ref Latency[i], 0);
            }
        }
    }
}
