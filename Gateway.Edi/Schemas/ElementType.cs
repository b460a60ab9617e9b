namespace Gateway.Edi.Schemas;

/// <summary>The data element types of both standards (X12 AN, ID, Nn, R, DT, TM, B; EDIFACT a, n, an).</summary>
internal enum ElementType
{
    /// <summary>AN: string.</summary>
    AlphaNumeric,

    /// <summary>EDIFACT a: letters and other non-digits.</summary>
    Alphabetic,

    /// <summary>ID: a code from a list.</summary>
    Identifier,

    /// <summary>Nn: whole number with n implied decimals.</summary>
    Numeric,

    /// <summary>R: decimal number.</summary>
    Decimal,

    /// <summary>DT: date.</summary>
    Date,

    /// <summary>TM: time.</summary>
    Time,

    /// <summary>B: binary.</summary>
    Binary,
}
