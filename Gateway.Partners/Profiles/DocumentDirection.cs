using System.Text.Json.Serialization;

namespace Gateway.Partners.Profiles;

/// <summary>Which way documents of an agreement travel, seen from us.</summary>
public enum DocumentDirection
{
    /// <summary>The partner sends them to us.</summary>
    [JsonStringEnumMemberName("inbound")]
    Inbound,

    /// <summary>We send them to the partner.</summary>
    [JsonStringEnumMemberName("outbound")]
    Outbound,
}
