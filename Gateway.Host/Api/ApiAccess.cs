using System.Net;
using System.Security.Cryptography;
using System.Text;
using Gateway.Host.Configuration;
using Gateway.Partners.Profiles;
using Microsoft.AspNetCore.Http;

namespace Gateway.Host.Api;

/// <summary>
/// Who may call the admin API: with <c>Gateway:Api:Token</c> configured, callers that present it as a bearer token;
/// without it, callers on this machine only. Users and roles replace this with the web console.
/// </summary>
internal static class ApiAccess
{
    /// <summary>Null when the caller may go on, else the answer to give.</summary>
    public static IResult? Check(HttpContext context, GatewaySettings settings)
    {
        if (settings.Api.Token is null)
        {
            return context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)
                ? null
                : Results.Json(new { error = "the admin API answers callers on this machine only until Gateway:Api:Token is configured" }, statusCode: StatusCodes.Status403Forbidden);
        }
        if (!SecretReference.TryParse(settings.Api.Token, out var reference) || !reference.TryResolve(settings.ContentRoot, out string? token, out _))
        {
            return Results.Json(new { error = "Gateway:Api:Token cannot be read; the API is closed until it is fixed" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        string presented = context.Request.Headers.Authorization.FirstOrDefault() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : "";
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(token)))
            ? null
            : Results.Json(new { error = "send Authorization: Bearer with the token of Gateway:Api:Token" }, statusCode: StatusCodes.Status401Unauthorized);
    }
}
