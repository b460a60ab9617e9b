using Gateway.Host.Mapping;
using Microsoft.Extensions.Hosting;

namespace Gateway.Host.Service;

/// <summary>Loads the maps before the pipeline starts, and watches them while the gateway runs.</summary>
internal sealed class MapCatalogService(MapCatalog catalog) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        catalog.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        catalog.Dispose();
        return Task.CompletedTask;
    }
}
