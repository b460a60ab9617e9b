namespace Gateway.Host.Tracking;

/// <summary>
/// An AS2 message a partner sent us and the MDN we answered with, kept so that a repeated Message-ID gets the
/// original MDN back and is not processed again (draft-ietf-ediint-rfc4130bis §5.5).
/// </summary>
internal sealed class As2MessageRecord
{
    /// <summary><c>partner|Message-ID</c>.</summary>
    public string Id { get; set; } = "";

    public string PartnerId { get; set; } = "";

    /// <summary>The Message-ID exactly as received.</summary>
    public string MessageId { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The receipt holding the content (also for refused messages, which are quarantined).</summary>
    public string? ReceiptId { get; set; }

    /// <summary>True when the MDN said processed: a repeat is a duplicate. A refused message may be sent again and is processed anew.</summary>
    public bool Processed { get; set; }

    /// <summary>The Disposition field of our MDN.</summary>
    public string Disposition { get; set; } = "";

    /// <summary>The MDN entity (headers and body), or empty when the partner asked for none.</summary>
    public byte[] Mdn { get; set; } = [];

    /// <summary>The partner's Receipt-Delivery-Option URL when the MDN goes asynchronously.</summary>
    public string? AsyncMdnUrl { get; set; }

    public DateTimeOffset? MdnSentAt { get; set; }

    public int MdnAttempts { get; set; }

    public DateTimeOffset? MdnNextAttemptAt { get; set; }

    public string? MdnLastError { get; set; }
}
