namespace Gateway.Host.Operations;

internal sealed partial record PartnerSummary
{
    /// <summary>One partner in the list: who, whether live, how it is reached, and its latest traffic and trouble.</summary>
    public sealed record Row(
        string Id,
        string? Name,
        string Status,
        bool Live,
        IReadOnlyList<string> Transports,
        int Agreements,
        DateTimeOffset? LastReceivedAt,
        DateTimeOffset? LastSentAt,
        int Errors,
        int? CertificateDaysLeft);

    /// <summary>A transport as configured in the profile, in a line.</summary>
    public sealed record Transport(string Kind, string Description);

    /// <summary>A document of the partner's that needs a person (Rejected, DeadLettered, Quarantined, Held).</summary>
    public sealed record ErrorDocument(string Id, string Type, string Status, string? BusinessReference, DateTimeOffset ReceivedAt, string? Reason);

    /// <summary>A document we sent the partner that failed to go, or whose acknowledgment refused it or did not come.</summary>
    public sealed record ErrorOutbound(string Id, string Kind, string Transport, string Status, string? AcknowledgmentStatus, DateTimeOffset CreatedAt, string? Reason);

    /// <summary>One certificate of the partner's profile, with how it stands (status class ok, warn or bad).</summary>
    public sealed record Certificate(string Use, string File, string? Subject, DateTimeOffset? NotAfter, int? DaysLeft, string Status, string StatusClass, string? Problem);

    /// <summary>A test interchange queued by <see cref="PartnerSelfTest"/>: what became of it (sent, the AS2 MDN, the error).</summary>
    public sealed record SelfTest(string Id, string Kind, string Transport, string Status, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string? TransportReceipt, string? LastError, string? RequestedBy);
}
