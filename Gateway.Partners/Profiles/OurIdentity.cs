using System.ComponentModel;

namespace Gateway.Partners.Profiles;

/// <summary>The identity we use with one partner, per standard.</summary>
public sealed class OurIdentity
{
    [Description("Our ISA06/ISA08 identity (and GS application code) with this partner.")]
    public X12Identity? X12 { get; init; }

    [Description("Our UNB identity with this partner.")]
    public EdifactIdentity? Edifact { get; init; }
}
