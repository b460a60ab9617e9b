using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Pipeline;

/// <summary>
/// Runs the pipeline for queued receipts, a few at a time; on stop, unfinished ones stay recorded and resume at the next
/// start. A receipt that fails is tried once more a little later, then dead-lettered for a person.
/// </summary>
internal sealed partial class PipelineWorker(PipelineQueue queue, InboundPipeline pipeline, ILogger<PipelineWorker> log) : BackgroundService
{
    private const int Workers = 2;

    /// <summary>
    /// How long a failed receipt waits for its second try. Some failures pass (a file briefly locked, a disk briefly
    /// full, a race of ours), and every stage resumes safely, so one retry spares a person those; a failure that stays
    /// is dead-lettered at the second.
    /// </summary>
    internal static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, byte> _retrying = new(StringComparer.Ordinal);

    // Small files arriving together are processed together: one store commit and one fsync per journal for all.
    private const int BatchSize = 64;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<string> batch;
            try
            {
                batch = await queue.DequeueBatchAsync(BatchSize, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                await pipeline.ProcessAsync(batch, stoppingToken);
                Succeeded(batch);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;   // parked: its stage is recorded, the next start resumes it
            }
            catch (Exception exception) when (batch.Count > 1)
            {
                // One bad receipt must not hold back the others: take them one by one.
                LogBatchFailed(exception, batch.Count);
                foreach (string receiptId in batch)
                {
                    await ProcessAloneAsync(receiptId, stoppingToken);
                }
            }
            catch (Exception exception)
            {
                Fail(batch[0], exception, stoppingToken);
            }
            finally
            {
                foreach (string receiptId in batch)
                {
                    queue.Done(receiptId);
                }
            }
        }
    }

    private async Task ProcessAloneAsync(string receiptId, CancellationToken stoppingToken)
    {
        try
        {
            await pipeline.ProcessAsync([receiptId], stoppingToken);
            Succeeded([receiptId]);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Fail(receiptId, exception, stoppingToken);
        }
    }

    // The edge of the pipeline: log, try once more, then mark the receipt for a person, so it is neither lost nor retried blindly.
    private void Fail(string receiptId, Exception exception, CancellationToken stoppingToken)
    {
        if (_retrying.TryAdd(receiptId, 0))
        {
            LogRetrying(exception, receiptId, RetryDelay);
            try
            {
                pipeline.MarkRetrying(receiptId, exception, RetryDelay);
            }
            catch (Exception markRetrying)
            {
                LogMarkFailed(markRetrying, receiptId);
            }
            _ = RetryLaterAsync(receiptId, stoppingToken);
            return;
        }
        _retrying.TryRemove(receiptId, out _);
        LogFailed(exception, receiptId);
        try
        {
            pipeline.MarkFailed(receiptId, exception);
        }
        catch (Exception markFailed)
        {
            // The store itself is failing: the receipt keeps its recorded stage and resumes at the next start.
            LogMarkFailed(markFailed, receiptId);
        }
    }

    // A receipt that needed its retry gets one again if it ever fails later (a reprocess).
    private void Succeeded(IReadOnlyList<string> receiptIds)
    {
        if (!_retrying.IsEmpty)
        {
            foreach (string receiptId in receiptIds)
            {
                _retrying.TryRemove(receiptId, out _);
            }
        }
    }

    // Its stage is recorded: if the gateway stops meanwhile, the next start resumes it instead.
    private async Task RetryLaterAsync(string receiptId, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(RetryDelay, stoppingToken);
            queue.Enqueue(receiptId);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pipeline failed on {TrackingId}; trying it once more in {Delay} before dead-lettering it")]
    private partial void LogRetrying(Exception exception, string trackingId, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} receipts failed; processing them one by one")]
    private partial void LogBatchFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Could not record the failure of {TrackingId} in the tracking store; it resumes at the next start")]
    private partial void LogMarkFailed(Exception exception, string trackingId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pipeline failed on {TrackingId}; it is dead-lettered for a person (gateway track show {TrackingId}, then reprocess once fixed)")]
    private partial void LogFailed(Exception exception, string trackingId);
}
