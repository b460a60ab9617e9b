using System.Net;
using System.Security.Claims;
using Gateway.Host.Admin.Audit;
using Gateway.Host.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Host.Admin.Security;

/// <summary>
/// The admin listener's locks: console sessions (cookie, 8 hours sliding, antiforgery on every form), API tokens,
/// one policy per role and door, and a fallback that refuses any route that declared none.
/// </summary>
internal static class AdminSecurity
{
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string CookieName = "gateway.session";

    public static void Add(IServiceCollection services, GatewaySettings settings)
    {
        services.AddSingleton(sp => new UserDirectory(settings.DataDirectory, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new AuditLog(settings.DataDirectory, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SignInThrottle>();
        // Session cookies and antiforgery tokens are protected with keys kept in this gateway's data folder. The
        // default key ring (~/.aspnet/DataProtection-Keys) is shared by every ASP.NET Core app of the OS user, so
        // another gateway (a staging copy with the same users file) accepted this one's cookies (issue #11, attack tests).
        services.AddDataProtection()
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.DataDirectory, "keys")))
            .SetApplicationName("gateway");
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "gateway.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.HeaderName = "X-CSRF-TOKEN";
        });
        services.AddAuthentication(CookieScheme)
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.LoginPath = "/login";
                options.LogoutPath = "/logout";
                options.AccessDeniedPath = "/denied";
                options.Events.OnValidatePrincipal = ValidateSessionAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAssertion(_ => false).Build())
            .AddPolicy(AdminPolicies.Loopback, policy => policy.RequireAssertion(context =>
                context.Resource is HttpContext http && http.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)));
        foreach (var role in Enum.GetValues<Role>())
        {
            services.AddAuthorizationBuilder()
                .AddPolicy(AdminPolicies.Console(role), policy => policy.AddAuthenticationSchemes(CookieScheme).RequireAuthenticatedUser().RequireAssertion(context => Allows(context.User, role)))
                .AddPolicy(AdminPolicies.Api(role), policy => policy.AddAuthenticationSchemes(ApiTokenHandler.SchemeName).RequireAuthenticatedUser().RequireAssertion(context => Allows(context.User, role)));
        }
    }

    public static void Use(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            // Nothing of the admin plane may be framed, sniffed or cached by a shared proxy.
            var headers = context.Response.Headers;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            headers.CacheControl = "no-store";
            await next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
    }

    /// <summary>Whether <paramref name="user"/>'s role includes <paramref name="needed"/>.</summary>
    public static bool Allows(ClaimsPrincipal user, Role needed) => AdminClaims.RoleOf(user) is { } role && role >= needed;

    // A session lives only as long as its user, with the role and password it signed in with.
    private static Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var users = context.HttpContext.RequestServices.GetRequiredService<UserDirectory>();
        var principal = context.Principal;
        var user = principal?.Identity?.Name is { } name ? users.Find(name) : null;
        if (user is null || principal!.FindFirstValue(AdminClaims.Stamp) != user.Stamp || AdminClaims.RoleOf(principal!) != user.Role)
        {
            context.RejectPrincipal();
            return context.HttpContext.SignOutAsync(CookieScheme);
        }
        return Task.CompletedTask;
    }

    /// <summary>The session principal for a user who just proved their password.</summary>
    public static ClaimsPrincipal SessionFor(AdminUser user) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, user.Role.ToString()), new Claim(AdminClaims.Stamp, user.Stamp)],
        CookieScheme));
}
