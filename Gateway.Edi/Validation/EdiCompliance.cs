namespace Gateway.Edi.Validation;

/// <summary>How strictly a partner's documents are held to the standard; set per agreement.</summary>
public enum EdiCompliance
{
    /// <summary>Every broken rule is an error and rejects its document.</summary>
    Strict,

    /// <summary>Element-level defects other than a missing mandatory element (a code not in the list, a
    /// value too long, a bad date) become warnings; envelope and structure errors still reject.</summary>
    Lenient,
}
