using Gateway.Host.Admin.Metrics;
using Gateway.Host.Admin.Security;
using Gateway.Host.Certificates;
using Gateway.Host.Configuration;
using Gateway.Host.Operations;
using Gateway.Host.Tracking;
using Gateway.Partners.Loading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Host.Api;

/// <summary>
/// The dashboard's figures for scripts and wallboards (<c>GET /api/dashboard</c>) and the certificate inventory
/// (<c>GET /api/certificates</c>), for API tokens of any role.
/// </summary>
internal static class DashboardApi
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/dashboard", (ITrackingStore store, ProfileReloader profiles, GatewaySettings settings, TimeProvider time, HttpContext http) =>
            Results.Json(Dashboard.Build(store, profiles.Current.Partners, settings, time.GetUtcNow(), http.RequestServices.GetService<BackendCallStats>()?.Snapshot())))
            .RequireAuthorization(AdminPolicies.ApiViewer)
            .WithTags("Dashboard")
            .WithSummary("What needs attention: today's documents by status, partners with errors, overdue acknowledgments, stuck orders, dead letters, expiring certificates, transport health, queues and back-end failure rates");
        app.MapGet("/api/certificates", (ProfileReloader profiles, GatewaySettings settings, TimeProvider time) =>
        {
            var now = time.GetUtcNow();
            return Results.Json(CertificateInventory.Of(profiles.Current.Partners, settings.PartnerProfiles)
                .NeedingActionFirst()
                .Select(e => new
                {
                    e.PartnerId,
                    e.Use,
                    e.File,
                    e.Subject,
                    e.Thumbprint,
                    e.NotBefore,
                    e.NotAfter,
                    DaysLeft = e.DaysLeft(now),
                    Status = e.StatusAt(now).Describe().Word,
                    Ours = CertificateUse.IsOurs(e.Use),
                    e.Problem,
                }));
        })
            .RequireAuthorization(AdminPolicies.ApiViewer)
            .WithTags("Certificates")
            .WithSummary("Every certificate the live partner profiles use, per partner and use, problems and soonest expiry first");
    }
}
