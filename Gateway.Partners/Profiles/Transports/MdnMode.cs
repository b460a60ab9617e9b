using System.Text.Json.Serialization;

namespace Gateway.Partners.Profiles.Transports;

/// <summary>How we ask the partner for an MDN receipt.</summary>
public enum MdnMode
{
    /// <summary>In the HTTP response.</summary>
    [JsonStringEnumMemberName("sync")]
    Sync,

    /// <summary>Posted later to our async MDN URL.</summary>
    [JsonStringEnumMemberName("async")]
    Async,

    /// <summary>No MDN.</summary>
    [JsonStringEnumMemberName("none")]
    None,
}
