using Gateway.Host.Configuration;
using Gateway.Host.Intake;
using Gateway.Host.Tracking;
using Gateway.Partners.Duplicates;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Gateway.Host.Jobs;

/// <summary>Forgets finished receipts older than <c>Gateway:RetentionDays</c>: records, archived files and duplicate-register entries.</summary>
[DisallowConcurrentExecution]
internal sealed partial class RetentionJob(ITrackingStore store, RawArchive archive, IInterchangeRegister register, GatewaySettings settings, TimeProvider time, ILogger<RetentionJob> log) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddDays(-settings.RetentionDays);
        var purged = store.PurgeBefore(cutoff);
        foreach (string id in purged)
        {
            archive.Delete(id);
        }
        // A duplicate window never exceeds retention: what is not kept cannot be compared.
        int forgotten = register.Purge(cutoff);
        PurgeReceivedFolders(cutoff);
        LogPurged(purged.Count, forgotten, settings.RetentionDays);
        return ValueTask.CompletedTask;
    }

    // The folder transport leaves each picked-up file in a received/ folder beside its inbox; the archive holds the same bytes.
    private void PurgeReceivedFolders(DateTimeOffset cutoff)
    {
        string data = Path.GetFullPath(settings.DataDirectory);
        if (!Directory.Exists(data))
        {
            return;
        }
        foreach (string folder in Directory.EnumerateDirectories(data, "received", SearchOption.AllDirectories))
        {
            foreach (var file in new DirectoryInfo(folder).EnumerateFiles().Where(f => f.LastWriteTimeUtc < cutoff.UtcDateTime))
            {
                file.Delete();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {Receipts} receipt(s) and {Interchanges} duplicate-register entries older than {Days} days removed")]
    private partial void LogPurged(int receipts, int interchanges, int days);
}
