using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.Api;

/// <summary>What every event-taking route checks first: the size, and one JSON object as the body.</summary>
internal static class EventRequest
{
    private const int MaxEventBytes = 16 * 1024 * 1024;

    /// <summary>
    /// A repeated property name is refused while parsing (a JsonException, so 400): JsonNode accepts it by default and
    /// only throws (ArgumentException, a 500) when the object is first read. Issue #11: found by the attack tests.
    /// </summary>
    public static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <summary>The event and the caller's Idempotency-Key, or the answer to give instead.</summary>
    public static async Task<(JsonObject? Event, string? Key, IResult? Refusal)> ReadAsync(HttpContext context, string what)
    {
        if (context.Request.ContentLength > MaxEventBytes)
        {
            return (null, null, Results.Json(new { error = $"an event is at most {MaxEventBytes / 1024 / 1024} MiB" }, statusCode: StatusCodes.Status413PayloadTooLarge));
        }
        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, documentOptions: Strict, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException exception)
        {
            return (null, null, Results.Json(new { error = $"the body is not JSON: {exception.Message}" }, statusCode: StatusCodes.Status400BadRequest));
        }
        return body is null
            ? (null, null, Results.Json(new { error = $"the body must be one JSON object ({what})" }, statusCode: StatusCodes.Status400BadRequest))
            : (body, context.Request.Headers["Idempotency-Key"].FirstOrDefault(), null);
    }
}
