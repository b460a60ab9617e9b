using Gateway.Partners.Loading;
using Microsoft.Extensions.Hosting;

namespace Gateway.Host.Service;

/// <summary>Loads partner profiles before anything else starts, and watches them while the gateway runs.</summary>
internal sealed class ProfileReloaderService(ProfileReloader reloader) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        reloader.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        reloader.Dispose();
        return Task.CompletedTask;
    }
}
