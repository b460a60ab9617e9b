using Gateway.Host.Admin.Audit;
using Gateway.Host.Admin.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Host.Admin.Pages;

/// <summary>Password sign-in for the console: throttled per name, audited either way, and only to local addresses after.</summary>
[AllowAnonymous]
public sealed class LoginModel : ConsolePage
{
    public string? Problem { get; private set; }

    public string Name { get; private set; } = "";

    public string ReturnUrl { get; private set; } = "/";

    public bool NoUsers { get; private set; }

    public void OnGet(string? returnUrl)
    {
        ReturnUrl = LocalOrHome(returnUrl);
        NoUsers = Get<UserDirectory>().All().Count == 0;
    }

    public async Task<IActionResult> OnPostAsync([FromForm] string? name, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        (Name, ReturnUrl) = (name?.Trim() ?? "", LocalOrHome(returnUrl));
        var audit = Get<AuditLog>();
        var throttle = Get<SignInThrottle>();
        string remote = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "";
        if (throttle.LockedUntil(Name) is { } until)
        {
            audit.Record("anonymous", "console", "sign-in", Name, "refused", "locked after repeated failures", remote);
            Problem = $"Too many failed sign-ins for this name: try again after {until.UtcDateTime:HH:mm} UTC, or ask an administrator.";
            return Page();
        }
        if (Get<UserDirectory>().Verify(Name, password ?? "") is not { } user)
        {
            throttle.Failed(Name);
            audit.Record("anonymous", "console", "sign-in", Name, "refused", "wrong name or password", remote);
            Problem = "Wrong user name or password.";
            NoUsers = Get<UserDirectory>().All().Count == 0;
            return Page();
        }
        throttle.Succeeded(Name);
        await HttpContext.SignInAsync(AdminSecurity.CookieScheme, AdminSecurity.SessionFor(user));
        audit.Record(user.Name, "console", "sign-in", user.Name, "ok", null, remote);
        return LocalRedirect(ReturnUrl);
    }

    // Only paths of this site: a crafted link cannot send a freshly signed-in user elsewhere.
    private string LocalOrHome(string? url) => url is not null && Url.IsLocalUrl(url) ? url : "/";
}
