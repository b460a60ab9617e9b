namespace Gateway.Partners.ControlNumbers;

/// <summary>The envelope level a control number identifies.</summary>
public enum ControlNumberLevel
{
    /// <summary>ISA13 / UNB 0020.</summary>
    Interchange,

    /// <summary>GS06 / UNG 0048.</summary>
    Group,

    /// <summary>ST02 / UNH 0062.</summary>
    Document,
}
