namespace Gateway.Host.Tracking;

/// <summary>How far the pipeline got with a received file; each stage is recorded before the next starts.</summary>
internal enum ReceiptStage
{
    /// <summary>Archived durably; nothing else done yet.</summary>
    Received,

    /// <summary>Split, identified, checked and validated: its documents exist.</summary>
    Parsed,

    /// <summary>Its acknowledgments are queued for sending.</summary>
    Acknowledged,

    /// <summary>Every document reached a final or retrying state.</summary>
    Done,
}
