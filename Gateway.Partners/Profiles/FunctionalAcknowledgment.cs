using System.Text.Json.Serialization;

namespace Gateway.Partners.Profiles;

/// <summary>The X12 functional acknowledgment we send for inbound documents.</summary>
public enum FunctionalAcknowledgment
{
    /// <summary>997 Functional Acknowledgment.</summary>
    [JsonStringEnumMemberName("997")]
    Ack997,

    /// <summary>999 Implementation Acknowledgment (005010 and later).</summary>
    [JsonStringEnumMemberName("999")]
    Ack999,

    /// <summary>No functional acknowledgment.</summary>
    [JsonStringEnumMemberName("none")]
    None,
}
