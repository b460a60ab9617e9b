using Gateway.Host.Admin.Security;
using Microsoft.AspNetCore.Authorization;

namespace Gateway.Host.Admin.Pages;

/// <summary>Where a signed-in user lands when their role does not include what they asked for.</summary>
[Authorize(Policy = AdminPolicies.Viewer)]
public sealed class DeniedModel : ConsolePage
{
    public void OnGet() => Response.StatusCode = 403;
}
