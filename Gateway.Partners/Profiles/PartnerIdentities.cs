using System.ComponentModel;

namespace Gateway.Partners.Profiles;

/// <summary>Every envelope identity the partner may send from; documents from any other identity are quarantined.</summary>
public sealed class PartnerIdentities
{
    [Description("ISA05/ISA06 (and GS02) identities.")]
    public IReadOnlyList<X12Identity> X12 { get; init; } = [];

    [Description("UNB sender identities (0004 with qualifier 0007).")]
    public IReadOnlyList<EdifactIdentity> Edifact { get; init; } = [];
}
