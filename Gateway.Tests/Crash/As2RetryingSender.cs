using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Gateway.Tests.Support;

namespace Gateway.Tests.Crash;

/// <summary>
/// The AS2 partner of a crash run, behaving as real AS2 software does: each message is signed and encrypted once and
/// posted until an MDN comes back, retried with the same Message-ID after a refused or cut connection, a timeout or a
/// 5xx. Records every MDN it got, so the test can check that nothing was acknowledged without a durable record.
/// </summary>
internal sealed class As2RetryingSender : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromMilliseconds(250);

    private readonly As2Partnership _as2;
    private readonly Channel<(int Number, string Edi)> _queue = Channel.CreateUnbounded<(int, string)>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private int _attempts;

    public As2RetryingSender(As2Partnership as2, int concurrency = 2)
    {
        _as2 = as2;
        _workers = [.. Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkAsync))];
    }

    /// <summary>Message-ID → control number of every message answered with a positive ("processed") MDN.</summary>
    public ConcurrentDictionary<string, int> PositiveMdns { get; } = new(StringComparer.Ordinal);

    /// <summary>Control number → disposition of every message answered with anything else.</summary>
    public ConcurrentDictionary<int, string> OtherMdns { get; } = new();

    /// <summary>Posts made, first tries and retries together.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    public void Send(int number, string edi) => _queue.Writer.TryWrite((number, edi));

    private async Task WorkAsync()
    {
        await foreach (var (number, edi) in _queue.Reader.ReadAllAsync(_stop.Token))
        {
            byte[] message = await _as2.SignedAndEncryptedAsync(edi);
            string messageId = As2Partnership.NewMessageId();
            while (!await TryPostAsync(message, messageId, number))
            {
                await Task.Delay(RetryAfter, _stop.Token);
            }
        }
    }

    private async Task<bool> TryPostAsync(byte[] message, string messageId, int number)
    {
        Interlocked.Increment(ref _attempts);
        try
        {
            using var response = await _as2.PostAsync(message, messageId).WaitAsync(Timeout, _stop.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }
            var fields = As2Partnership.MdnFields(await As2Partnership.EntityAsync(response));
            string disposition = fields.GetValueOrDefault("Disposition") ?? "(no MDN)";
            if (disposition.EndsWith("; processed", StringComparison.Ordinal))
            {
                PositiveMdns[messageId] = number;
            }
            else
            {
                OtherMdns[number] = disposition;
            }
            return true;
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutException or IOException || (exception is TaskCanceledException && !_stop.IsCancellationRequested))
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_workers);
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting to retry or for the next message.
        }
        _stop.Dispose();
    }
}
