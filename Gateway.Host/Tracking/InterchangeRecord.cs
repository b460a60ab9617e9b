namespace Gateway.Host.Tracking;

/// <summary>One interchange of a received file: who sent it, and whether it was let in.</summary>
internal sealed class InterchangeRecord
{
    public int Index { get; set; }

    public string? PartnerId { get; set; }

    public string Sender { get; set; } = "";

    public string Receiver { get; set; } = "";

    public string ControlNumber { get; set; } = "";

    /// <summary>Identified, UnknownSender, UnknownReceiver, TransportMismatch, Duplicate or Rejected.</summary>
    public string Outcome { get; set; } = "";

    public string Message { get; set; } = "";
}
