namespace Gateway.Edi.X12;

/// <summary>The values of an ISA that <see cref="X12Writer"/> generates; widths and padding are the writer's job.</summary>
public sealed record X12InterchangeEnvelope(
    string SenderQualifier,
    string SenderId,
    string ReceiverQualifier,
    string ReceiverId,
    long ControlNumber,
    DateTimeOffset Timestamp)
{
    /// <summary>ISA12, for example <c>00401</c> or <c>00501</c>.</summary>
    public string Version { get; init; } = "00401";

    /// <summary>ISA15: <c>P</c> production or <c>T</c> test.</summary>
    public string UsageIndicator { get; init; } = "P";

    /// <summary>ISA14: whether we ask the partner for a TA1.</summary>
    public bool AcknowledgmentRequested { get; init; }
}

/// <summary>The values of a GS that <see cref="X12Writer"/> generates.</summary>
public sealed record X12GroupEnvelope(string FunctionalId, string SenderCode, string ReceiverCode, long ControlNumber, string Version, DateTimeOffset Timestamp);
