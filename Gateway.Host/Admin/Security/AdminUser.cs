namespace Gateway.Host.Admin.Security;

/// <summary>A person (or a back-end system) allowed into the admin plane, as kept in <c>DATA/users.json</c>.</summary>
internal sealed class AdminUser
{
    /// <summary>Lower case; what they sign in with and what the audit log names.</summary>
    public string Name { get; set; } = "";

    public Role Role { get; set; }

    /// <summary>See <see cref="PasswordHash"/>; empty for a user that signs in with API tokens only.</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary>Changes whenever the password or role changes, ending every console session signed in before.</summary>
    public string Stamp { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public List<ApiToken> Tokens { get; set; } = [];
}

/// <summary>An API token of a user: only its SHA-256 is kept; the token itself is shown once, when issued.</summary>
internal sealed class ApiToken
{
    /// <summary>Short id to name the token when revoking it.</summary>
    public string Id { get; set; } = "";

    /// <summary>What the token is for ("prometheus", "erp").</summary>
    public string Label { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the token.</summary>
    public string Sha256 { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
