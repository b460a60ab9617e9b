using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Gateway.Partners.Profiles;

/// <summary>A person or team at the partner.</summary>
public sealed class Contact
{
    [Required]
    [StringLength(100, MinimumLength = 1)]
    public string Name { get; init; } = "";

    [Description("What they do, such as 'EDI coordinator' or 'after-hours support'.")]
    public string? Role { get; init; }

    [RegularExpression(ProfilePatterns.EmailAddress, ErrorMessage = "write an address such as edi@partner.example")]
    public string? Email { get; init; }

    public string? Phone { get; init; }
}
