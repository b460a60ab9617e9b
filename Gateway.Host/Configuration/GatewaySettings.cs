using Microsoft.Extensions.Configuration;

namespace Gateway.Host.Configuration;

/// <summary>The <c>Gateway</c> section of appsettings.json, overridable the .NET way (<c>Gateway__DataDirectory=/var/lib/gateway</c>).</summary>
internal sealed class GatewaySettings
{
    /// <summary>Where the archive, the tracking store and the folder transports live.</summary>
    public string DataDirectory { get; init; } = "data";

    /// <summary>The partner profiles folder.</summary>
    public string PartnerProfiles { get; init; } = "partner-profiles";

    /// <summary>The maps folder.</summary>
    public string Maps { get; init; } = "maps";

    /// <summary>Back-end endpoints by name (erp, crm, wms…), as agreements and maps refer to them.</summary>
    public Dictionary<string, EndpointSettings> Endpoints { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The journal of control-number sequences: <c>DATA/state/control-numbers.journal</c>.</summary>
    public string ControlNumbersJournal => Path.Combine(DataDirectory, "state", "control-numbers.journal");

    /// <summary>The duplicate-interchange register: <c>DATA/state/interchanges.journal</c>.</summary>
    public string InterchangeRegisterJournal => Path.Combine(DataDirectory, "state", "interchanges.journal");

    /// <summary>Reads appsettings.json in <paramref name="contentRoot"/> (when present) and the environment.</summary>
    public static GatewaySettings Load(string contentRoot)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(contentRoot)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        return configuration.GetSection("Gateway").Get<GatewaySettings>() ?? new GatewaySettings();
    }
}
