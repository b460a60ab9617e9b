using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Gateway.Partners.Profiles;

/// <summary>An X12 interchange identity: ISA05/ISA06 (sender) or ISA07/ISA08 (receiver), and the GS application code.</summary>
public sealed class X12Identity
{
    [Required]
    [RegularExpression("^[0-9A-Z]{2}$", ErrorMessage = "write the two-character ID qualifier, such as ZZ, 01, 08 or 12")]
    [Description("Interchange ID qualifier (ISA05/ISA07), such as ZZ (mutually defined), 01 (DUNS), 12 (phone).")]
    public string Qualifier { get; init; } = "";

    [Required]
    [StringLength(15, MinimumLength = 1)]
    [RegularExpression(ProfilePatterns.X12Identifier, ErrorMessage = "use letters, digits, spaces and X12 punctuation only")]
    [Description("Interchange ID (ISA06/ISA08), without the trailing spaces that pad it to 15.")]
    public string Id { get; init; } = "";

    [StringLength(15, MinimumLength = 2)]
    [RegularExpression(ProfilePatterns.X12Identifier, ErrorMessage = "use letters, digits, spaces and X12 punctuation only")]
    [Description("GS02/GS03 application code; when absent, the interchange ID is used.")]
    public string? ApplicationCode { get; init; }

    /// <summary>How support staff write this identity: <c>ZZ:ACME</c>.</summary>
    public override string ToString() => $"{Qualifier}:{Id}";
}
