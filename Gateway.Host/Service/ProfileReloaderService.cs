using Gateway.Host.Configuration;
using Gateway.Partners.Loading;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Service;

/// <summary>Loads partner profiles before anything else starts, and watches them while the gateway runs.</summary>
internal sealed partial class ProfileReloaderService(ProfileReloader reloader, GatewaySettings settings, ILogger<ProfileReloaderService> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(settings.PartnerProfiles))
        {
            // Most often a gateway started in another folder than the one holding its settings: say so, not just "0 live".
            LogNoProfilesFolder(settings.PartnerProfiles, settings.ContentRoot);
        }
        reloader.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        reloader.Dispose();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No partner profiles folder at {Folder}, so no partner is live; it is created empty and watched. The gateway reads appsettings.json, and the partner-profiles and maps folders it names, in the folder it starts in ({ContentRoot}): start it where those are, or set Gateway:PartnerProfiles")]
    private partial void LogNoProfilesFolder(string folder, string contentRoot);
}
