namespace Gateway.Edi.Validation;

/// <summary>How bad an issue is.</summary>
public enum EdiSeverity
{
    /// <summary>Tolerated: the input was read, and the operator may want to tell the partner.</summary>
    Warning,

    /// <summary>A rule of the standard is broken: the level it belongs to is rejected.</summary>
    Error,
}
