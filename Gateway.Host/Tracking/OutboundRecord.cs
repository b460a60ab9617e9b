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

    public string ControlNumber { get; set; } = "";

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

    /// <summary>What happened to the document on its way out: attempts, MDN.</summary>
    public List<TimelineEvent> Timeline { get; set; } = [];
}
