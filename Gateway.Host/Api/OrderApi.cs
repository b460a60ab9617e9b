using Gateway.Host.Admin.Security;
using Gateway.Host.Configuration;
using Gateway.Host.Orders;
using Gateway.Host.Tracking;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.Api;

/// <summary>
/// What support asks, for the console and scripts: <c>GET /api/orders/{po}?partner=ID</c> (the journey),
/// <c>GET /api/orders/stuck</c> and <c>GET /api/acks/overdue</c>, for API tokens of any role.
/// </summary>
internal static class OrderApi
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(AdminPolicies.ApiViewer).WithTags("Orders");
        api.MapGet("/orders/stuck", (ITrackingStore store, GatewaySettings settings, TimeProvider time) =>
            Results.Json(OrderJourney.NeedingAttention(store, settings.Orders, time.GetUtcNow(), settings.RetentionDays)))
            .WithSummary("Orders needing a person: missing steps past their windows and discrepancies");
        api.MapGet("/orders/{purchaseOrder}", (string purchaseOrder, string? partner, ITrackingStore store, GatewaySettings settings, TimeProvider time) =>
            OrderJourney.Of(store, purchaseOrder, partner, settings.Orders, time.GetUtcNow()) is { } journey
                ? Results.Json(journey)
                : Results.Json(new { error = $"no document names PO {purchaseOrder}" }, statusCode: StatusCodes.Status404NotFound))
            .WithSummary("The order's journey: every document of the PO, stuck steps and discrepancies");
        api.MapGet("/acks/overdue", (ITrackingStore store) =>
            Results.Json(store.OverdueAcknowledgments(1000).Select(o => new { o.Id, o.PartnerId, o.Kind, o.ControlNumber, o.BusinessReference, o.PurchaseOrder, o.Transport, o.Status, o.CreatedAt, o.SentAt, o.AcknowledgmentDueAt })))
            .WithSummary("Documents we sent whose 997/999/CONTRL did not come in time");
    }
}
