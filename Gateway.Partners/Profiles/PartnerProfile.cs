using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Gateway.Partners.Profiles.Envelopes;
using Gateway.Partners.Profiles.Transports;

namespace Gateway.Partners.Profiles;

/// <summary>One trading partner, 3PL or carrier: who they are, what we exchange, and how. One YAML file in <c>partner-profiles/</c>.</summary>
public sealed class PartnerProfile
{
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9-]{0,62}$", ErrorMessage = "use lowercase letters, digits and '-' (at most 63), starting with a letter or digit")]
    [Description("Stable short id, also the file name (acme-retail → acme-retail.yaml). Lowercase letters, digits, '-'.")]
    public string Id { get; init; } = "";

    [Required]
    [StringLength(100, MinimumLength = 1)]
    [Description("The name support staff see.")]
    public string Name { get; init; } = "";

    [Description("Whom to call about this partner's EDI.")]
    public IReadOnlyList<Contact> Contacts { get; init; } = [];

    [Required]
    [Description("How the partner appears in envelopes: every ISA/GS and UNB identity it may send from.")]
    public PartnerIdentities Identities { get; init; } = new();

    [Required]
    [Description("How we appear to this partner (we may use a different id with each).")]
    public OurIdentity OurIdentity { get; init; } = new();

    [Required]
    [Description("One agreement per document type and direction.")]
    public IReadOnlyList<Agreement> Agreements { get; init; } = [];

    [Required]
    [Description("How documents travel between the partner and us.")]
    public PartnerTransports Transports { get; init; } = new();

    [Description("Envelope settings for what we send to this partner.")]
    public EnvelopeSettings Envelope { get; init; } = new();
}
