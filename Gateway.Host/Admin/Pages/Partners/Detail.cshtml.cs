using Gateway.Host.Admin.Audit;
using Gateway.Host.Admin.Security;
using Gateway.Host.Configuration;
using Gateway.Host.Operations;
using Gateway.Host.Tracking;
using Gateway.Partners.Loading;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Host.Admin.Pages.Partners;

/// <summary>One partner: the profile in short, its traffic, what failed, its certificates, and "Send test document" for onboarding.</summary>
[Authorize(Policy = AdminPolicies.Viewer)]
public sealed class DetailModel : ConsolePage
{
    internal PartnerSummary Partner { get; private set; } = null!;

    internal DateTimeOffset Now { get; private set; }

    internal bool CanTest { get; private set; }

    internal string DefaultTransport { get; private set; } = "";

    public IActionResult OnGet(string id)
    {
        Now = Get<TimeProvider>().GetUtcNow();
        if (PartnerSummary.Of(Get<ITrackingStore>(), Get<ProfileReloader>(), Get<GatewaySettings>(), id, Now) is not { } partner)
        {
            return NotFound();
        }
        Partner = partner;
        CanTest = partner.Live && AdminSecurity.Allows(User, Role.PartnerAdmin);
        if (Get<ProfileReloader>().Current.Find(id) is { } live)
        {
            DefaultTransport = PartnerSelfTest.DefaultTransport(live);
        }
        return Page();
    }

    public IActionResult OnPostTest(string id, [FromForm] string? transport)
    {
        var audit = Get<AuditLog>();
        string user = AdminClaims.NameOf(User);
        string? remote = HttpContext.Connection.RemoteIpAddress?.ToString();
        if (!AdminSecurity.Allows(User, Role.PartnerAdmin))
        {
            audit.Record(user, "console", "partner-test", id, "refused", "role below PartnerAdmin", remote);
            return Forbid();
        }
        if (!PartnerSummary.IsPartnerId(id))
        {
            return NotFound();
        }
        var result = ActivatorUtilities.GetServiceOrCreateInstance<PartnerSelfTest>(HttpContext.RequestServices).Send(id, user, transport);
        if (result.Problem is { } problem)
        {
            audit.Record(user, "console", "partner-test", id, "failed", problem, remote);
            Flash($"No test document was sent: {problem}");
        }
        else
        {
            audit.Record(user, "console", "partner-test", id, "ok", $"{result.Kind} over {result.Transport} as {result.TrackingId}", remote);
            Flash($"Test {result.Kind} queued for {id} over {result.Transport} as {result.TrackingId}; its outcome shows under Self-tests below.");
        }
        return Redirect($"/partners/{ConsoleText.Segment(id)}");
    }
}
