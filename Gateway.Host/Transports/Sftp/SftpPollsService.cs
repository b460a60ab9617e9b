using Microsoft.Extensions.Hosting;

namespace Gateway.Host.Transports.Sftp;

/// <summary>At shutdown, lets the SFTP polls in flight finish their current file (they run beside the Quartz job that starts them).</summary>
internal sealed class SftpPollsService(SftpInbox inbox) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        inbox.Stop();
        // A poll cut short leaves its files on the server, to be taken (once) at the next start.
        await inbox.DrainAsync().WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
