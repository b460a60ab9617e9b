namespace Gateway.Host.Configuration;

/// <summary>Access to the admin API until users and roles arrive: a bearer token, or loopback callers only.</summary>
internal sealed class ApiSettings
{
    /// <summary>
    /// Reference (<c>env:NAME</c> or <c>file:PATH</c>) to the token callers send as <c>Authorization: Bearer …</c>.
    /// Without one, the API answers only callers on this machine (127.0.0.1 or ::1).
    /// </summary>
    public string? Token { get; init; }
}
