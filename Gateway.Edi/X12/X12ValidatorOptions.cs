using Gateway.Edi.Validation;
using Gateway.Edi.X12.Schemas;

namespace Gateway.Edi.X12;

/// <summary>What <see cref="X12Validator"/> checks against.</summary>
public sealed record X12ValidatorOptions
{
    /// <summary>The standard schemas, strict compliance, any receiver.</summary>
    public static X12ValidatorOptions Default { get; } = new();

    /// <summary>The schemas documents are checked against.</summary>
    public X12SchemaSet Schemas { get; init; } = X12SchemaSet.Standard;

    /// <summary>Strict, or lenient for a sloppy partner (set per agreement).</summary>
    public EdiCompliance Compliance { get; init; } = EdiCompliance.Strict;

    /// <summary>Chooses strict or lenient per interchange, from its sender's agreement (a file may carry several
    /// partners' interchanges); when null, <see cref="Compliance"/> applies to all.</summary>
    public Func<X12Interchange, EdiCompliance>? ComplianceOf { get; init; }

    /// <summary>Our ISA08 ids; when set, any other receiver is TA1 009. Null accepts every receiver.</summary>
    public IReadOnlyCollection<string>? OurInterchangeIds { get; init; }

    /// <summary>Reader limits.</summary>
    public EdiReaderOptions Reader { get; init; } = EdiReaderOptions.Default;
}
