using System.Text.Json.Serialization;

namespace Gateway.Partners.Profiles;

/// <summary>How strictly documents are checked against the standard.</summary>
public enum ValidationStrictness
{
    /// <summary>Every rule of the standard; any error rejects the document.</summary>
    [JsonStringEnumMemberName("strict")]
    Strict,

    /// <summary>Tolerable defects (codes outside a list, lengths) are warnings; structure errors still reject.</summary>
    [JsonStringEnumMemberName("lenient")]
    Lenient,
}
