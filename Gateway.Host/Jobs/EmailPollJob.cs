using Gateway.Host.Transports.Email;
using Quartz;

namespace Gateway.Host.Jobs;

/// <summary>Reads the gateway's mailbox every Gateway:Email:PollSeconds (when email is configured).</summary>
[DisallowConcurrentExecution]
internal sealed class EmailPollJob(EmailInbox inbox) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await inbox.PollAsync(cancellationToken);
}
