using Gateway.Host.Admin.Metrics;
using Gateway.Host.Admin.Security;
using Gateway.Host.Configuration;
using Gateway.Host.Operations;
using Gateway.Host.Tracking;
using Gateway.Partners.Loading;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Host.Admin.Pages;

/// <summary>The dashboard: what needs attention today.</summary>
[Authorize(Policy = AdminPolicies.Viewer)]
public sealed class IndexModel : ConsolePage
{
    internal Dashboard Board { get; private set; } = null!;

    public void OnGet() =>
        Board = Dashboard.Build(Get<ITrackingStore>(), Get<ProfileReloader>().Current.Partners, Get<GatewaySettings>(), Get<TimeProvider>().GetUtcNow(),
            HttpContext.RequestServices.GetService<BackendCallStats>()?.Snapshot());
}
