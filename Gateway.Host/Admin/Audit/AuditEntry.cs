namespace Gateway.Host.Admin.Audit;

/// <summary>One line of the audit log: who did what to which thing, through which door, and how it ended.</summary>
internal sealed record AuditEntry
{
    public DateTimeOffset At { get; init; }

    /// <summary>The user name, or "anonymous" for a failed sign-in under an unknown name (the name tried is the target).</summary>
    public string Actor { get; init; } = "";

    /// <summary>console, api or cli.</summary>
    public string Via { get; init; } = "";

    /// <summary>sign-in, sign-out, reprocess, resend, replay, fix-and-replay, send-test, users-add…</summary>
    public string Action { get; init; } = "";

    /// <summary>The document, partner or user acted on.</summary>
    public string Target { get; init; } = "";

    /// <summary>ok, refused (not allowed or wrong credentials) or failed.</summary>
    public string Outcome { get; init; } = "";

    public string? Detail { get; init; }

    public string? RemoteAddress { get; init; }
}
