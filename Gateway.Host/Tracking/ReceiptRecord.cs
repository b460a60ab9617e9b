namespace Gateway.Host.Tracking;

/// <summary>A file as a transport handed it over: where it came from, where it is archived, and what became of it.</summary>
internal sealed class ReceiptRecord
{
    /// <summary>The tracking id, time-ordered: <c>R20261128T073512123-4f9c2a</c>.</summary>
    public string Id { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>as2, sftp, email or folder.</summary>
    public string Transport { get; set; } = "";

    /// <summary>The partner the transport vouches for (its own inbox, AS2 partnership, SFTP account), or null for a shared inbox.</summary>
    public string? TransportPartnerId { get; set; }

    /// <summary>The name the file had at the transport (data only: never used as a local path).</summary>
    public string OriginalName { get; set; } = "";

    /// <summary>What identifies the file at its source, so a file picked up twice (crash before the source was cleared) is one receipt.</summary>
    public string SourceKey { get; set; } = "";

    public long Bytes { get; set; }

    public string Sha256 { get; set; } = "";

    public ReceiptStage Stage { get; set; }

    /// <summary>
    /// Its acknowledgments are queued but its documents are still in a file beside the store, committed a moment later
    /// (see <see cref="ITrackingStore.SaveStageAhead"/>); a start after a crash in between commits them from there.
    /// </summary>
    public bool DocumentsStaged { get; set; }

    /// <summary>X12, EDIFACT, or null when the file is not EDI.</summary>
    public string? Standard { get; set; }

    public List<InterchangeRecord> Interchanges { get; set; } = [];

    public List<TimelineEvent> Timeline { get; set; } = [];

    /// <summary>Why the file as a whole was refused (not EDI), if it was.</summary>
    public string? Error { get; set; }
}
