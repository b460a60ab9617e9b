using System.Text.Json.Serialization;

namespace Gateway.Partners.Profiles;

/// <summary>When we send an EDIFACT CONTRL.</summary>
public enum ContrlPolicy
{
    /// <summary>When UNB09 asks for one, and always to report errors.</summary>
    [JsonStringEnumMemberName("onRequest")]
    OnRequest,

    /// <summary>For every interchange, positive or negative.</summary>
    [JsonStringEnumMemberName("always")]
    Always,

    /// <summary>Only to report errors.</summary>
    [JsonStringEnumMemberName("errorsOnly")]
    ErrorsOnly,

    /// <summary>Never.</summary>
    [JsonStringEnumMemberName("never")]
    Never,
}
