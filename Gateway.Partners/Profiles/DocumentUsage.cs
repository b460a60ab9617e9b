using System.Text.Json.Serialization;

namespace Gateway.Partners.Profiles;

/// <summary>Whether an agreement carries test or production traffic (ISA15, UNB11).</summary>
public enum DocumentUsage
{
    /// <summary>Real business documents.</summary>
    [JsonStringEnumMemberName("production")]
    Production,

    /// <summary>Test documents: validated and acknowledged, never delivered to production endpoints.</summary>
    [JsonStringEnumMemberName("test")]
    Test,
}
