namespace Gateway.Edi.Edifact.Acknowledgments;

/// <summary>When a CONTRL is sent.</summary>
public enum EdifactAcknowledgmentPolicy
{
    /// <summary>When UNB 0031 asks for one (1: a CONTRL reporting on messages; 2: receipt only).</summary>
    WhenRequested,

    /// <summary>For every interchange.</summary>
    Always,

    /// <summary>Never.</summary>
    Never,
}

/// <summary>How CONTRL messages are built for one agreement.</summary>
public sealed record EdifactAcknowledgmentOptions
{
    /// <summary>When to send a CONTRL.</summary>
    public EdifactAcknowledgmentPolicy Policy { get; init; } = EdifactAcknowledgmentPolicy.WhenRequested;

    /// <summary>Report accepted messages too (a UCM with action 7 each); by default only rejected ones are listed.</summary>
    public bool Positive { get; init; }

    /// <summary>The clock for the UNB date and time.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where a line break after each terminator is wanted, <c>"\n"</c>; empty by default.</summary>
    public string SegmentSuffix { get; init; } = "";
}
