using Gateway.Host.Admin.Security;
using Gateway.Host.Configuration;
using Gateway.Host.Outbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.Api;

/// <summary>
/// <c>POST /api/outbound/{partnerId}/{documentType}</c>: a back-end event becomes a document for the partner.
/// 202 with the tracking id; 200 with the same id when the Idempotency-Key was seen before; 400 when the body is
/// not a JSON object; 422 with the problems (field and message) when it cannot be mapped, enveloped or validated.
/// </summary>
internal static class OutboundApi
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/api/outbound/{partnerId}/{documentType}", HandleAsync).RequireAuthorization(AdminPolicies.ApiOperator).WithTags("Events")
            .WithSummary("A back-end event (ERP release, shipment confirmation, invoice) to map, envelope and send to the partner");
    }

    private static async Task<IResult> HandleAsync(HttpContext context, string partnerId, string documentType, OutboundSubmissions submissions, GatewaySettings settings)
    {
        var (backendEvent, key, refusal) = await EventRequest.ReadAsync(context, "the event");
        if (refusal is not null)
        {
            return refusal;
        }
        var result = submissions.Submit(partnerId, documentType, backendEvent!, key);
        if (result.TrackingId is null)
        {
            return Results.Json(new { problems = result.Problems.Select(p => new { field = p.Field, message = p.Message }) }, statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        return Results.Json(new { trackingId = result.TrackingId, repeated = result.Repeated }, statusCode: result.Repeated ? StatusCodes.Status200OK : StatusCodes.Status202Accepted);
    }
}
