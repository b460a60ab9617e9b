using Gateway.Host.Admin.Audit;
using Gateway.Host.Admin.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.Api;

/// <summary><c>GET /api/audit?search=TEXT&amp;take=N</c>: the audit log, newest first, for administrators.</summary>
internal static class AuditApi
{
    public static void Map(WebApplication app) =>
        app.MapGet("/api/audit", (string? search, int? take, AuditLog audit) => Results.Json(audit.Recent(Math.Clamp(take ?? 200, 1, 5000), search)))
            .RequireAuthorization(AdminPolicies.ApiAdmin).WithTags("Audit")
            .WithSummary("Sign-ins and actions, newest first; search matches user, action or target");
}
