using Gateway.Host.Admin.Audit;
using Gateway.Host.Admin.Security;
using Gateway.Host.Configuration;
using Gateway.Host.Operations;
using Gateway.Host.Tracking;
using Gateway.Partners.Loading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Host.Api;

/// <summary>
/// Partners for support and onboarding: <c>GET /api/partners</c>, <c>GET /api/partners/{id}</c> (any role), and
/// <c>POST /api/partners/{id}/test</c> (PartnerAdmin and above, audited), which queues a test interchange.
/// </summary>
internal static class PartnerApi
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/partners").WithTags("Partners");
        app.MapGet("/api/partners", (ITrackingStore store, ProfileReloader profiles, GatewaySettings settings, TimeProvider time) =>
            Results.Json(PartnerSummary.All(store, profiles, settings, time.GetUtcNow())))
            .RequireAuthorization(AdminPolicies.ApiViewer).WithTags("Partners")
            .WithSummary("Every partner: live or off, transports, last traffic in and out, errors of the last 7 days, soonest certificate expiry");
        api.MapGet("/{id}", (string id, ITrackingStore store, ProfileReloader profiles, GatewaySettings settings, TimeProvider time) =>
            PartnerSummary.Of(store, profiles, settings, id, time.GetUtcNow()) is { } partner
                ? Results.Json(partner)
                : Results.Json(new { error = $"no partner '{id}'" }, statusCode: StatusCodes.Status404NotFound))
            .RequireAuthorization(AdminPolicies.ApiViewer)
            .WithSummary("One partner: profile summary, status, transports, agreements, last traffic, recent errors, certificates and self-tests");
        api.MapPost("/{id}/test", (string id, string? transport, HttpContext http, AuditLog audit) =>
        {
            string user = AdminClaims.NameOf(http.User);
            string? remote = http.Connection.RemoteIpAddress?.ToString();
            if (!PartnerSummary.IsPartnerId(id))
            {
                return Results.Json(new { error = $"'{id}' is not a partner id" }, statusCode: StatusCodes.Status404NotFound);
            }
            var result = ActivatorUtilities.GetServiceOrCreateInstance<PartnerSelfTest>(http.RequestServices).Send(id, user, transport);
            if (result.Problem is { } problem)
            {
                audit.Record(user, "api", "partner-test", id, "failed", problem, remote);
                return Results.Json(new { error = problem }, statusCode: StatusCodes.Status409Conflict);
            }
            audit.Record(user, "api", "partner-test", id, "ok", $"{result.Kind} over {result.Transport} as {result.TrackingId}", remote);
            return Results.Json(new { trackingId = result.TrackingId, kind = result.Kind, transport = result.Transport, url = $"/outbound/{result.TrackingId}" }, statusCode: StatusCodes.Status202Accepted);
        })
            .RequireAuthorization(AdminPolicies.ApiPartnerAdmin)
            .WithSummary("Queues a harmless test interchange to the partner (X12: TA1 with ISA15 T; EDIFACT: CONTRL with UNB 0035 = 1) over its outbound transport, or ?transport=as2|sftp|email|folder");
    }
}
