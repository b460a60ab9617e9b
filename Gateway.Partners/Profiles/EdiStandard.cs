using System.Text.Json.Serialization;

namespace Gateway.Partners.Profiles;

/// <summary>The EDI standard of an agreement.</summary>
public enum EdiStandard
{
    /// <summary>ASC X12.</summary>
    [JsonStringEnumMemberName("x12")]
    X12,

    /// <summary>UN/EDIFACT.</summary>
    [JsonStringEnumMemberName("edifact")]
    Edifact,
}
