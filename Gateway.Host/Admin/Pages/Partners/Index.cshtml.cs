using Gateway.Host.Admin.Security;
using Gateway.Host.Configuration;
using Gateway.Host.Operations;
using Gateway.Host.Tracking;
using Gateway.Partners.Loading;
using Microsoft.AspNetCore.Authorization;

namespace Gateway.Host.Admin.Pages.Partners;

/// <summary>Every partner: live or off, how it is reached, its last traffic and its errors of the last days.</summary>
[Authorize(Policy = AdminPolicies.Viewer)]
public sealed class IndexModel : ConsolePage
{
    internal IReadOnlyList<PartnerSummary.Row> Partners { get; private set; } = [];

    internal DateTimeOffset Now { get; private set; }

    public void OnGet()
    {
        Now = Get<TimeProvider>().GetUtcNow();
        Partners = PartnerSummary.All(Get<ITrackingStore>(), Get<ProfileReloader>(), Get<GatewaySettings>(), Now);
    }
}
