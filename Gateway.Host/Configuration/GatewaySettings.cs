using Microsoft.Extensions.Configuration;

namespace Gateway.Host.Configuration;

/// <summary>The <c>Gateway</c> section of appsettings.json, overridable the .NET way (<c>Gateway__DataDirectory=/var/lib/gateway</c>).</summary>
internal sealed record GatewaySettings
{
    /// <summary>Where the archive, the tracking store and the folder transports live.</summary>
    public string DataDirectory { get; init; } = "data";

    /// <summary>The partner profiles folder.</summary>
    public string PartnerProfiles { get; init; } = "partner-profiles";

    /// <summary>The maps folder.</summary>
    public string Maps { get; init; } = "maps";

    /// <summary>Back-end endpoints by name (erp, crm, wms…), as agreements and maps refer to them.</summary>
    public Dictionary<string, EndpointSettings> Endpoints { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Retries of back-end calls.</summary>
    public DeliverySettings Delivery { get; init; } = new();

    /// <summary>The gateway's mailbox for the email transport.</summary>
    public EmailSettings Email { get; init; } = new();

    /// <summary>Order journeys, stuck orders and ship notices.</summary>
    public OrderSettings Orders { get; init; } = new();

    /// <summary>Where alerts go besides the log.</summary>
    public AlertSettings Alerts { get; init; } = new();

    /// <summary>Where the gateway listens.</summary>
    public ListenerSettings Listeners { get; init; } = new();

    /// <summary>The built-in receiver of back-end calls for demos; off unless configured.</summary>
    public SandboxSettings Sandbox { get; init; } = new();

    /// <summary>Days receipts, documents and archived files are kept after they finish.</summary>
    public int RetentionDays { get; init; } = 90;

    /// <summary>How often the folder inboxes are looked at, in milliseconds.</summary>
    public int FolderPollMilliseconds { get; init; } = 1000;

    /// <summary>The folder appsettings.json was read from; relative <c>file:</c> secret references resolve against it.</summary>
    public string ContentRoot { get; init; } = ".";

    /// <summary>The journal of control-number sequences: <c>DATA/state/control-numbers.journal</c>.</summary>
    public string ControlNumbersJournal => Path.Combine(DataDirectory, "state", "control-numbers.journal");

    /// <summary>The duplicate-interchange register: <c>DATA/state/interchanges.journal</c>.</summary>
    public string InterchangeRegisterJournal => Path.Combine(DataDirectory, "state", "interchanges.journal");

    /// <summary>The tracking store: <c>DATA/tracking.db</c>.</summary>
    public string TrackingDatabase => Path.Combine(DataDirectory, "tracking.db");

    /// <summary>The settings of <paramref name="configuration"/>'s Gateway section, with folder paths made absolute against <paramref name="contentRoot"/>.</summary>
    public static GatewaySettings From(IConfiguration configuration, string contentRoot)
    {
        var settings = configuration.GetSection("Gateway").Get<GatewaySettings>() ?? new GatewaySettings();
        return settings with
        {
            DataDirectory = Path.GetFullPath(settings.DataDirectory, contentRoot),
            PartnerProfiles = Path.GetFullPath(settings.PartnerProfiles, contentRoot),
            Maps = Path.GetFullPath(settings.Maps, contentRoot),
            ContentRoot = Path.GetFullPath(contentRoot),
        };
    }

    /// <summary>Reads appsettings.json in <paramref name="contentRoot"/> (when present) and the environment.</summary>
    public static GatewaySettings Load(string contentRoot)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(contentRoot)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        return From(configuration, contentRoot);
    }
}
