namespace Gateway.Host.Tracking;

/// <summary>A document we send (today: acknowledgments), queued durably before any transport touches it.</summary>
internal sealed class OutboundRecord
{
    public string Id { get; set; } = "";

    public string PartnerId { get; set; } = "";

    /// <summary>TA1, 997, 999, CONTRL…</summary>
    public string Kind { get; set; } = "";

    /// <summary>as2, sftp, email or folder.</summary>
    public string Transport { get; set; } = "";

    /// <summary>The file name the transport writes (generated, never taken from input).</summary>
    public string FileName { get; set; } = "";

    public byte[] Content { get; set; } = [];

    /// <summary>ISA13 or UNB 0020.</summary>
    public string ControlNumber { get; set; } = "";

    /// <summary>GS06 (X12), or null for EDIFACT without groups: what a 997/999 names in AK102.</summary>
    public string? GroupControlNumber { get; set; }

    /// <summary>ST02 or UNH 0062: what a 997 names in AK202, a CONTRL in UCM.</summary>
    public string? DocumentControlNumber { get; set; }

    /// <summary>The PO, ASN or invoice number the document carries.</summary>
    public string? BusinessReference { get; set; }

    /// <summary>The customer's PO number the document belongs to: the key of the order journey.</summary>
    public string? PurchaseOrder { get; set; }

    /// <summary>Its item lines, for the journey's line-level checks.</summary>
    public List<Orders.OrderLine> Lines { get; set; } = [];

    /// <summary>The receipt this answers.</summary>
    public string? RelatesTo { get; set; }

    /// <summary>Queued, Sent, TransportAcknowledged (a good MDN came back) or SendFailed.</summary>
    public string Status { get; set; } = "Queued";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>When a failed send is tried again (transports that retry with backoff).</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>The AS2 Message-ID, fixed before the first attempt so every retry reuses it.</summary>
    public string? TransportMessageId { get; set; }

    /// <summary>The MIC we computed (base64, algorithm), which the partner's MDN must return.</summary>
    public string? ExpectedMic { get; set; }

    /// <summary>The partner's MDN disposition, once it came.</summary>
    public string? TransportReceipt { get; set; }

    public DateTimeOffset? TransportAcknowledgedAt { get; set; }

    /// <summary>When an asynchronous MDN is due; cleared once it came or was reported overdue.</summary>
    public DateTimeOffset? TransportReceiptDueAt { get; set; }

    /// <summary>When the partner's 997/999/CONTRL is due (the agreement's expectedWithinHours), or null when none is expected.</summary>
    public DateTimeOffset? AcknowledgmentDueAt { get; set; }

    /// <summary>Accepted, PartiallyAccepted, Rejected (from the partner's acknowledgment) or Overdue; null while waiting.</summary>
    public string? AcknowledgmentStatus { get; set; }

    public DateTimeOffset? AcknowledgmentReceivedAt { get; set; }

    /// <summary>The receipt that brought the partner's acknowledgment.</summary>
    public string? AcknowledgmentReceiptId { get; set; }

    /// <summary>The partner's error codes, in words.</summary>
    public List<string> AcknowledgmentErrors { get; set; } = [];

    /// <summary>What happened to the document on its way out: created, attempts, MDN, acknowledgment.</summary>
    public List<TimelineEvent> Timeline { get; set; } = [];
}
