using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Pipeline;

/// <summary>Runs the pipeline for queued receipts, a few at a time; on stop, unfinished ones stay recorded and resume at the next start.</summary>
internal sealed partial class PipelineWorker(PipelineQueue queue, InboundPipeline pipeline, ILogger<PipelineWorker> log) : BackgroundService
{
    private const int Workers = 2;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            string receiptId;
            try
            {
                receiptId = await queue.DequeueAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                await pipeline.ProcessAsync(receiptId, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;   // parked: its stage is recorded, the next start resumes it
            }
            catch (Exception exception)
            {
                // The edge of the pipeline: the receipt keeps its recorded stage and is retried by the next start or reprocess.
                LogFailed(exception, receiptId);
            }
            finally
            {
                queue.Done(receiptId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Pipeline failed on {TrackingId}; it stays at its last recorded stage (gateway track reprocess {TrackingId})")]
    private partial void LogFailed(Exception exception, string trackingId);
}
