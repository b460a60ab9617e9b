using System.Text.Json.Serialization;

namespace Gateway.Partners.Profiles;

/// <summary>When we send a TA1 interchange acknowledgment.</summary>
public enum Ta1Policy
{
    /// <summary>When ISA14 asks for one, and always for a rejected interchange.</summary>
    [JsonStringEnumMemberName("onRequest")]
    OnRequest,

    /// <summary>For every interchange.</summary>
    [JsonStringEnumMemberName("always")]
    Always,

    /// <summary>Never.</summary>
    [JsonStringEnumMemberName("never")]
    Never,
}
