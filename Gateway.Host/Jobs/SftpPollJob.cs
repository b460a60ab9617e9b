using Gateway.Host.Transports.Sftp;
using Quartz;

namespace Gateway.Host.Jobs;

/// <summary>Every second: starts the SFTP polls whose partner schedule has come (each partner's own cron; never two at once for one partner).</summary>
[DisallowConcurrentExecution]
internal sealed class SftpPollJob(SftpInbox inbox) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        inbox.StartDuePolls(cancellationToken);
        return ValueTask.CompletedTask;
    }
}
