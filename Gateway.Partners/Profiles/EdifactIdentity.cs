using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Gateway.Partners.Profiles;

/// <summary>An EDIFACT interchange identity: UNB S002 (sender) or S003 (recipient).</summary>
public sealed class EdifactIdentity
{
    [Required]
    [StringLength(35, MinimumLength = 1)]
    [Description("Identification (0004/0010), such as a GLN.")]
    public string Id { get; init; } = "";

    [StringLength(4, MinimumLength = 1)]
    [Description("Identification code qualifier (0007), such as 14 (GLN) or ZZZ (mutually defined); absent when the partner sends none.")]
    public string? Qualifier { get; init; }

    /// <summary>How support staff write this identity: <c>4012345000009:14</c>.</summary>
    public override string ToString() => Qualifier is null ? Id : $"{Id}:{Qualifier}";
}
