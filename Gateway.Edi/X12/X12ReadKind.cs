namespace Gateway.Edi.X12;

/// <summary>What <see cref="X12Reader.Read"/> moved to.</summary>
public enum X12ReadKind
{
    /// <summary>Nothing read yet, or the end.</summary>
    None,

    /// <summary>An ISA: <see cref="X12Reader.Interchange"/> is new.</summary>
    InterchangeStart,

    /// <summary>A GS: <see cref="X12Reader.Group"/> is new.</summary>
    GroupStart,

    /// <summary>A whole ST…SE: <see cref="X12Reader.TransactionSet"/>.</summary>
    TransactionSet,

    /// <summary>A GE, or the end of a group without one.</summary>
    GroupEnd,

    /// <summary>An IEA, or the end of an interchange without one.</summary>
    InterchangeEnd,

    /// <summary>A TA1 interchange acknowledgment: <see cref="X12Reader.Segment"/>.</summary>
    TechnicalAcknowledgment,

    /// <summary>A segment outside any transaction set: <see cref="X12Reader.Segment"/>.</summary>
    StraySegment,
}
