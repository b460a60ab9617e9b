namespace Gateway.Edi.X12.Acknowledgments;

/// <summary>The acknowledgment interchange built for one received interchange, and what it says.</summary>
public sealed record X12Acknowledgment
{
    /// <summary>The interchange as bytes, ready to send.</summary>
    public required byte[] Content { get; init; }

    /// <summary>The ISA13 we gave it.</summary>
    public required long InterchangeControlNumber { get; init; }

    /// <summary>TA104 (<c>A</c>, <c>E</c> or <c>R</c>) when a TA1 is included; else null.</summary>
    public string? TechnicalStatus { get; init; }

    /// <summary>For each acknowledged group: its GS06 and the AK901 status (<c>A</c>, <c>E</c>, <c>P</c> or <c>R</c>).</summary>
    public required IReadOnlyList<(string GroupControlNumber, string Status)> Groups { get; init; }
}
