using Gateway.Host.Admin.Security;
using Gateway.Host.Certificates;
using Gateway.Host.Configuration;
using Gateway.Partners.Loading;
using Microsoft.AspNetCore.Authorization;

namespace Gateway.Host.Admin.Pages.Certificates;

/// <summary>Every certificate the live profiles use, problems and soonest expiry first: renewals take weeks, so they start here.</summary>
[Authorize(Policy = AdminPolicies.Viewer)]
public sealed class IndexModel : ConsolePage
{
    internal IReadOnlyList<CertificateEntry> Entries { get; private set; } = [];

    internal DateTimeOffset Now { get; private set; }

    public void OnGet()
    {
        Now = Get<TimeProvider>().GetUtcNow();
        Entries = CertificateInventory.Of(Get<ProfileReloader>().Current.Partners, Get<GatewaySettings>().PartnerProfiles)
            .NeedingActionFirst()
            .ToList();
    }
}
