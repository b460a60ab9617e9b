using Gateway.Host.Admin.Security;
using Gateway.Host.Configuration;
using Gateway.Host.Operations;
using Gateway.Host.Orders;
using Gateway.Host.Tracking;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Host.Admin.Pages.Orders;

/// <summary>One purchase order's journey: every step with its document, what is stuck, and where the lines differ.</summary>
[Authorize(Policy = AdminPolicies.Viewer)]
public sealed class DetailModel : ConsolePage
{
    internal OrderJourney? Journey { get; private set; }

    internal string PurchaseOrder { get; private set; } = "";

    /// <summary>The console page of each step's tracking id: a document we received, one we sent, or the receipt of an acknowledgment.</summary>
    internal Dictionary<string, string> Links { get; } = new(StringComparer.Ordinal);

    public IActionResult OnGet(string po, string? partner)
    {
        PurchaseOrder = po;
        var settings = Get<GatewaySettings>();
        var store = Get<ITrackingStore>();
        Journey = OrderJourney.Of(store, po, string.IsNullOrWhiteSpace(partner) ? null : partner, settings.Orders, Get<TimeProvider>().GetUtcNow());
        if (Journey is null)
        {
            Response.StatusCode = 404;
            return Page();
        }
        foreach (string id in Journey.Steps.Select(s => s.Id).Distinct(StringComparer.Ordinal))
        {
            if (store.FindDocument(id) is not null)
            {
                Links[id] = $"/documents/{ConsoleText.Segment(id)}";
            }
            else if (store.FindOutbound(id) is not null)
            {
                Links[id] = $"/outbound/{ConsoleText.Segment(id)}";
            }
            else if (store.DocumentsOf(id) is { Count: > 0 } documents)
            {
                Links[id] = $"/documents/{ConsoleText.Segment(documents[0].Id)}";
            }
        }
        return Page();
    }
}
