using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Host.Admin.Security;

/// <summary>
/// Authenticates API callers by <c>Authorization: Bearer gw_…</c>, a token issued with <c>gateway users token</c>.
/// The API takes no cookies, so a page in a signed-in browser cannot be made to call it (no CSRF surface).
/// </summary>
internal sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, UserDirectory users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "api-token";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization.FirstOrDefault();
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (users.FindByToken(header[7..].Trim()) is not { } found)
        {
            return Task.FromResult(AuthenticateResult.Fail("unknown or revoked API token"));
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, found.User.Name), new Claim(ClaimTypes.Role, found.User.Role.ToString()), new Claim(AdminClaims.TokenId, found.Token.Id)],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"gateway\"";
        return Response.WriteAsJsonAsync(new { error = "send Authorization: Bearer with an API token ('gateway users token NAME' issues one)" });
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Response.WriteAsJsonAsync(new { error = "this token's user does not have the role this route needs" });
    }
}
