using Gateway.Host.Admin.Audit;
using Gateway.Host.Admin.Security;
using Gateway.Host.Operations;
using Gateway.Host.Tracking;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Host.Admin.Pages.Outbound;

/// <summary>One document we sent (acknowledgment or back-end event): facts, timeline, MDN, the partner's acknowledgment, and Resend for Operators.</summary>
[Authorize(Policy = AdminPolicies.Viewer)]
public sealed class DetailModel : ConsolePage
{
    internal OutboundRecord Sent { get; private set; } = null!;

    internal bool CanAct => AdminSecurity.Allows(User, Role.Operator);

    public IActionResult OnGet(string id)
    {
        if (Get<ITrackingStore>().FindOutbound(id) is not { } sent)
        {
            return NotFound($"No outbound document '{id}'.");
        }
        Sent = sent;
        return Page();
    }

    public IActionResult OnPostResend(string id)
    {
        var audit = Get<AuditLog>();
        string actor = AdminClaims.NameOf(User);
        string? remote = HttpContext.Connection.RemoteIpAddress?.ToString();
        if (!CanAct)
        {
            audit.Record(actor, "console", "resend", id, "refused", "needs the Operator role", remote);
            return Forbid();
        }
        var result = Get<DocumentActions>().Resend(id, actor);
        audit.Record(actor, "console", "resend", id, result.Allowed ? "ok" : "refused", result.Message, remote);
        if (result.Outcome == DocumentActionOutcome.NotFound)
        {
            return NotFound(result.Message);
        }
        Flash(result.Allowed ? result.Message : $"Not done: {result.Message}");
        return RedirectToPage(new { id });
    }
}
