using Gateway.Host.Configuration;
using Gateway.Host.Orders;
using Gateway.Host.Tracking;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.Api;

/// <summary>
/// What support asks, for the console and scripts: <c>GET /api/orders/{po}?partner=ID</c> (the journey),
/// <c>GET /api/orders/stuck</c> and <c>GET /api/acks/overdue</c>, with the same access rule as the rest of the API.
/// </summary>
internal static class OrderApi
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/orders/stuck", (HttpContext context, ITrackingStore store, GatewaySettings settings, TimeProvider time) =>
            ApiAccess.Check(context, settings) ?? Results.Json(OrderJourney.NeedingAttention(store, settings.Orders, time.GetUtcNow(), settings.RetentionDays)));
        app.MapGet("/api/orders/{purchaseOrder}", (HttpContext context, string purchaseOrder, string? partner, ITrackingStore store, GatewaySettings settings, TimeProvider time) =>
            ApiAccess.Check(context, settings)
            ?? (OrderJourney.Of(store, purchaseOrder, partner, settings.Orders, time.GetUtcNow()) is { } journey
                ? Results.Json(journey)
                : Results.Json(new { error = $"no document names PO {purchaseOrder}" }, statusCode: StatusCodes.Status404NotFound)));
        app.MapGet("/api/acks/overdue", (HttpContext context, ITrackingStore store, GatewaySettings settings) =>
            ApiAccess.Check(context, settings)
            ?? Results.Json(store.OverdueAcknowledgments(1000).Select(o => new { o.Id, o.PartnerId, o.Kind, o.ControlNumber, o.BusinessReference, o.PurchaseOrder, o.Transport, o.Status, o.CreatedAt, o.SentAt, o.AcknowledgmentDueAt })));
    }
}
