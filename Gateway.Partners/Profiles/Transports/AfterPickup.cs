using System.Text.Json.Serialization;

namespace Gateway.Partners.Profiles.Transports;

/// <summary>What happens to a remote file once it is safely received.</summary>
public enum AfterPickup
{
    /// <summary>Delete it.</summary>
    [JsonStringEnumMemberName("delete")]
    Delete,

    /// <summary>Move it to moveTo.</summary>
    [JsonStringEnumMemberName("move")]
    Move,
}
