namespace Gateway.Edi.Edifact;

/// <summary>What <see cref="EdifactReader.Read"/> moved to.</summary>
public enum EdifactReadKind
{
    /// <summary>Nothing read yet, or the end.</summary>
    None,

    /// <summary>A UNB (after an optional UNA): <see cref="EdifactReader.Interchange"/> is new.</summary>
    InterchangeStart,

    /// <summary>A UNG: <see cref="EdifactReader.Group"/> is new.</summary>
    GroupStart,

    /// <summary>A whole UNH…UNT: <see cref="EdifactReader.Message"/>.</summary>
    Message,

    /// <summary>A UNE, or the end of a group without one.</summary>
    GroupEnd,

    /// <summary>A UNZ, or the end of an interchange without one.</summary>
    InterchangeEnd,

    /// <summary>A segment outside any message: <see cref="EdifactReader.Segment"/>.</summary>
    StraySegment,
}
