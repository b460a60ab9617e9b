using System.Text.Json;
using System.Text.Json.Nodes;
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
    private const int MaxEventBytes = 16 * 1024 * 1024;

    public static void Map(WebApplication app)
    {
        app.MapPost("/api/shipments", HandleAsync);
    }

    private static async Task<IResult> HandleAsync(HttpContext context, ShipmentNotices notices, GatewaySettings settings)
    {
        if (ApiAccess.Check(context, settings) is { } refused)
        {
            return refused;
        }
        if (context.Request.ContentLength > MaxEventBytes)
        {
            return Results.Json(new { error = $"an event is at most {MaxEventBytes / 1024 / 1024} MiB" }, statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        JsonObject? shipment;
        try
        {
            shipment = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException exception)
        {
            return Results.Json(new { error = $"the body is not JSON: {exception.Message}" }, statusCode: StatusCodes.Status400BadRequest);
        }
        if (shipment is null)
        {
            return Results.Json(new { error = "the body must be one JSON object (the shipment confirmation)" }, statusCode: StatusCodes.Status400BadRequest);
        }
        string? key = context.Request.Headers["Idempotency-Key"].FirstOrDefault();
        var result = notices.Submit(shipment, key);
        if (result.TrackingId is null)
        {
            return Results.Json(new { partnerId = result.PartnerId, problems = result.Problems.Select(p => new { field = p.Field, message = p.Message }) }, statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        return Results.Json(new { trackingId = result.TrackingId, partnerId = result.PartnerId, documentType = result.DocumentType, repeated = result.Repeated },
            statusCode: result.Repeated ? StatusCodes.Status200OK : StatusCodes.Status202Accepted);
    }
}
