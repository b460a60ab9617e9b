namespace Gateway.Host.Tracking;

/// <summary>What support staff search documents by; null fields do not filter.</summary>
internal sealed record DocumentQuery
{
    public string? PartnerId { get; init; }

    public DocumentStatus? Status { get; init; }

    public string? Type { get; init; }

    public string? Direction { get; init; }

    /// <summary>Matches the interchange, group or document control number.</summary>
    public string? ControlNumber { get; init; }

    /// <summary>PO, ASN or invoice number.</summary>
    public string? BusinessReference { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public int Skip { get; init; }

    public int Take { get; init; } = 100;
}
