using System.Text.Json.Serialization;

namespace Gateway.Partners.Profiles.Transports;

/// <summary>How we know a remote file is completely uploaded.</summary>
public enum FileCompleteness
{
    /// <summary>Its size and time are unchanged across two listings.</summary>
    [JsonStringEnumMemberName("stableSize")]
    StableSize,

    /// <summary>A marker file (name + markerSuffix) exists beside it.</summary>
    [JsonStringEnumMemberName("markerFile")]
    MarkerFile,
}
