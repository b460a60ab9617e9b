using System.Security.Claims;

namespace Gateway.Host.Admin.Security;

/// <summary>The claims our sign-ins carry beyond name and role.</summary>
internal static class AdminClaims
{
    /// <summary>The user's <see cref="AdminUser.Stamp"/> when the session began: a changed password or role ends it.</summary>
    public const string Stamp = "gateway:stamp";

    /// <summary>The id of the API token used.</summary>
    public const string TokenId = "gateway:token";

    public static Role? RoleOf(ClaimsPrincipal user) =>
        Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    public static string NameOf(ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";
}
