using Gateway.Host.Admin.Security;
using Gateway.Host.Configuration;
using Gateway.Host.Shipments;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.Api;

/// <summary>
/// <c>POST /api/shipments</c>: a shipment confirmation from the ERP or 3PL becomes the ship notice (856 or DESADV) of
/// the customer who sent its PO, so the caller need not know who that is. 202 with the tracking id and partner; 200
/// when the Idempotency-Key was seen before; 400 when the body is not a JSON object; 422 with the problems.
/// </summary>
internal static class ShipmentApi
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/api/shipments", HandleAsync).RequireAuthorization(AdminPolicies.ApiOperator).WithTags("Events")
            .WithSummary("A shipment confirmation from the ERP or 3PL, turned into the 856 or DESADV the order's partner expects");
    }

    private static async Task<IResult> HandleAsync(HttpContext context, ShipmentNotices notices, GatewaySettings settings)
    {
        var (shipment, key, refusal) = await EventRequest.ReadAsync(context, "the shipment confirmation");
        if (refusal is not null)
        {
            return refusal;
        }
        var result = notices.Submit(shipment!, key);
        if (result.TrackingId is null)
        {
            return Results.Json(new { partnerId = result.PartnerId, problems = result.Problems.Select(p => new { field = p.Field, message = p.Message }) }, statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        return Results.Json(new { trackingId = result.TrackingId, partnerId = result.PartnerId, documentType = result.DocumentType, repeated = result.Repeated },
            statusCode: result.Repeated ? StatusCodes.Status200OK : StatusCodes.Status202Accepted);
    }
}
