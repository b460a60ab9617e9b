namespace Gateway.Host.Admin.Security;

/// <summary>
/// The authorization policy names every admin route declares. Console pages sign in with a cookie session; the API
/// (and /metrics, /health, the OpenAPI document) with an API token as a bearer. A route demands one of these by name,
/// and a route that names none is refused to everybody (the fallback policy), so a forgotten declaration fails closed.
/// </summary>
internal static class AdminPolicies
{
    public const string Viewer = "console:Viewer";
    public const string Operator = "console:Operator";
    public const string PartnerAdmin = "console:PartnerAdmin";
    public const string Admin = "console:Admin";

    public const string ApiViewer = "api:Viewer";
    public const string ApiOperator = "api:Operator";
    public const string ApiPartnerAdmin = "api:PartnerAdmin";
    public const string ApiAdmin = "api:Admin";

    /// <summary>The sandbox back end (a demo ERP, off in production): callers on this machine only.</summary>
    public const string Loopback = "loopback";

    /// <summary>The console's policy for <paramref name="role"/>.</summary>
    public static string Console(Role role) => "console:" + role;

    /// <summary>The API's policy for <paramref name="role"/>.</summary>
    public static string Api(Role role) => "api:" + role;
}
