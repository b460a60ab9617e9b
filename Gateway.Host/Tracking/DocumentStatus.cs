namespace Gateway.Host.Tracking;

/// <summary>Where an inbound document stands, in the words support staff see (DESIGN.md, States).</summary>
internal enum DocumentStatus
{
    /// <summary>Split from its interchange; not yet validated.</summary>
    Parsed,

    /// <summary>Its sender is not a live partner, or it arrived over another partner's transport: held, never forwarded.</summary>
    Quarantined,

    /// <summary>Refused: invalid, no agreement, or its interchange was rejected.</summary>
    Rejected,

    /// <summary>Passed validation.</summary>
    Validated,

    /// <summary>Its functional acknowledgment is queued for the partner.</summary>
    Acknowledged,

    /// <summary>
    /// Valid, but it carries the business reference (PO number) of an earlier document from the same partner, and the
    /// agreement says hold: it waits for a person (<c>gateway track reprocess ID</c> releases it as a change).
    /// </summary>
    Held,

    /// <summary>An acknowledgment from the partner (997, 999, CONTRL), matched to the documents we sent: it is never acknowledged or delivered.</summary>
    Reconciled,

    /// <summary>Turned into its back-end call.</summary>
    Mapped,

    /// <summary>The back end accepted the call.</summary>
    Delivered,

    /// <summary>The last delivery failed transiently; another attempt is scheduled.</summary>
    Retrying,

    /// <summary>Delivery failed for good or too often: a person must look (reprocess once fixed).</summary>
    DeadLettered,

    /// <summary>A repeat of an interchange already received within the agreement's window: acknowledged as such, not forwarded.</summary>
    Duplicate,
}
