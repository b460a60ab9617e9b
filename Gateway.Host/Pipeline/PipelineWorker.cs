using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Pipeline;

/// <summary>Runs the pipeline for queued receipts, a few at a time; on stop, unfinished ones stay recorded and resume at the next start.</summary>
internal sealed partial class PipelineWorker(PipelineQueue queue, InboundPipeline pipeline, ILogger<PipelineWorker> log) : BackgroundService
{
    private const int Workers = 2;

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
                Fail(batch[0], exception);
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
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Fail(receiptId, exception);
        }
    }

    // The edge of the pipeline: log, and mark the receipt for a person, so it is neither lost nor retried blindly.
    private void Fail(string receiptId, Exception exception)
    {
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} receipts failed; processing them one by one")]
    private partial void LogBatchFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Could not record the failure of {TrackingId} in the tracking store; it resumes at the next start")]
    private partial void LogMarkFailed(Exception exception, string trackingId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pipeline failed on {TrackingId}; it is dead-lettered for a person (gateway track show {TrackingId}, then reprocess once fixed)")]
    private partial void LogFailed(Exception exception, string trackingId);
}
