using Gateway.Host.Admin.Security;
using Gateway.Host.Configuration;
using Gateway.Host.Operations;
using Gateway.Host.Orders;
using Gateway.Host.Tracking;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Host.Admin.Pages.Orders;

/// <summary>Look up an order's journey by PO number, and the orders that need a person.</summary>
[Authorize(Policy = AdminPolicies.Viewer)]
public sealed class IndexModel : ConsolePage
{
    internal IReadOnlyList<OrderJourney> Stuck { get; private set; } = [];

    internal int Days { get; private set; }

    public IActionResult OnGet(string? po, string? partner)
    {
        if (!string.IsNullOrWhiteSpace(po))
        {
            return Redirect(ConsoleText.OrderLink(po.Trim(), string.IsNullOrWhiteSpace(partner) ? null : partner.Trim()));
        }
        var settings = Get<GatewaySettings>();
        Days = settings.RetentionDays;
        Stuck = OrderJourney.NeedingAttention(Get<ITrackingStore>(), settings.Orders, Get<TimeProvider>().GetUtcNow(), Days);
        return Page();
    }
}
