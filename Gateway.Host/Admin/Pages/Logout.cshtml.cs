using Gateway.Host.Admin.Audit;
using Gateway.Host.Admin.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Host.Admin.Pages;

/// <summary>Ends the console session (a POST with the antiforgery token, so no link or image can sign anybody out).</summary>
[Authorize(Policy = AdminPolicies.Viewer)]
public sealed class LogoutModel : ConsolePage
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        Get<AuditLog>().Record(AdminClaims.NameOf(User), "console", "sign-out", AdminClaims.NameOf(User), "ok", null, HttpContext.Connection.RemoteIpAddress?.ToString());
        await HttpContext.SignOutAsync(AdminSecurity.CookieScheme);
        return Redirect("/login");
    }
}
