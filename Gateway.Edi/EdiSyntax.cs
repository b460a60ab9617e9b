namespace Gateway.Edi;

/// <summary>Which EDI standard a file is written in, as far as its first bytes tell.</summary>
public enum EdiSyntax
{
    /// <summary>Neither an ISA nor a UNA/UNB header was found.</summary>
    Unknown,

    /// <summary>An X12 interchange (ISA) comes first.</summary>
    X12,

    /// <summary>An EDIFACT interchange (UNA or UNB) comes first.</summary>
    Edifact,
}
