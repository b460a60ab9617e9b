using Gateway.Edi.Edifact.Schemas;
using Gateway.Edi.Validation;

namespace Gateway.Edi.Edifact;

/// <summary>What <see cref="EdifactValidator"/> checks against.</summary>
public sealed record EdifactValidatorOptions
{
    /// <summary>The standard schemas, strict compliance, any recipient.</summary>
    public static EdifactValidatorOptions Default { get; } = new();

    /// <summary>The schemas messages are checked against; messages of other directories get envelope checks only.</summary>
    public EdifactSchemaSet Schemas { get; init; } = EdifactSchemaSet.Standard;

    /// <summary>Strict, or lenient for a sloppy partner (set per agreement).</summary>
    public EdiCompliance Compliance { get; init; } = EdiCompliance.Strict;

    /// <summary>Chooses strict or lenient per interchange, from its sender's agreement (a file may carry several
    /// partners' interchanges); when null, <see cref="Compliance"/> applies to all.</summary>
    public Func<EdifactInterchange, EdiCompliance>? ComplianceOf { get; init; }

    /// <summary>Our UNB recipient ids; when set, any other recipient is 0085 code 7. Null accepts every recipient.</summary>
    public IReadOnlyCollection<string>? OurRecipientIds { get; init; }

    /// <summary>The UNB sender ids of our partners; when set, any other sender is 0085 code 23. Null accepts every sender.</summary>
    public IReadOnlyCollection<string>? KnownSenderIds { get; init; }

    /// <summary>Reader limits.</summary>
    public EdiReaderOptions Reader { get; init; } = EdiReaderOptions.Default;
}
