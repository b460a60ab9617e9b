namespace Gateway.Edi.X12.Acknowledgments;

/// <summary>Which functional acknowledgment an agreement asks for.</summary>
public enum X12FunctionalAcknowledgmentKind
{
    /// <summary>997, the default for supply chain.</summary>
    Ack997,

    /// <summary>999, the implementation acknowledgment (005010X231).</summary>
    Ack999,

    /// <summary>No functional acknowledgment.</summary>
    None,
}

/// <summary>When a TA1 is sent.</summary>
public enum X12TechnicalAcknowledgmentPolicy
{
    /// <summary>When ISA14 is 1, or the interchange envelope is broken.</summary>
    WhenRequestedOrBroken,

    /// <summary>For every interchange.</summary>
    Always,

    /// <summary>Never.</summary>
    Never,
}

/// <summary>How acknowledgments are built for one agreement.</summary>
public sealed record X12AcknowledgmentOptions
{
    /// <summary>997 (default), 999, or none.</summary>
    public X12FunctionalAcknowledgmentKind Functional { get; init; } = X12FunctionalAcknowledgmentKind.Ack997;

    /// <summary>When to send a TA1.</summary>
    public X12TechnicalAcknowledgmentPolicy Technical { get; init; } = X12TechnicalAcknowledgmentPolicy.WhenRequestedOrBroken;

    /// <summary>The clock for ISA09/ISA10 and GS04/GS05.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where a line break after each terminator is wanted, <c>"\n"</c>; empty by default.</summary>
    public string SegmentSuffix { get; init; } = "";
}
