using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Gateway.Host.Pipeline;

/// <summary>Receipt ids waiting for the pipeline; an id already waiting or in flight is not queued twice.</summary>
internal sealed class PipelineQueue
{
    private readonly Channel<string> _channel = Channel.CreateUnbounded<string>();
    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);

    public void Enqueue(string receiptId)
    {
        if (_pending.TryAdd(receiptId, 0))
        {
            _channel.Writer.TryWrite(receiptId);
        }
    }

    /// <summary>Waits for at least one receipt, then takes up to <paramref name="max"/> of those waiting.</summary>
    public async Task<IReadOnlyList<string>> DequeueBatchAsync(int max, CancellationToken cancellationToken)
    {
        var batch = new List<string> { await _channel.Reader.ReadAsync(cancellationToken) };
        while (batch.Count < max && _channel.Reader.TryRead(out string? next))
        {
            batch.Add(next);
        }
        return batch;
    }

    /// <summary>Receipts waiting or in flight (the metrics' pipeline queue).</summary>
    public int Waiting => _pending.Count;

    /// <summary>Called when the pipeline has finished with <paramref name="receiptId"/>, so it may be queued again.</summary>
    public void Done(string receiptId) => _pending.TryRemove(receiptId, out _);
}
