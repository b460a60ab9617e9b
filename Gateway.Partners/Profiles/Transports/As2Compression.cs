using System.Text.Json.Serialization;

namespace Gateway.Partners.Profiles.Transports;

/// <summary>Whether and where AS2 messages we send are compressed (RFC 5402).</summary>
public enum As2Compression
{
    /// <summary>No compression.</summary>
    [JsonStringEnumMemberName("none")]
    None,

    /// <summary>Compress, then sign.</summary>
    [JsonStringEnumMemberName("beforeSigning")]
    BeforeSigning,

    /// <summary>Sign, then compress.</summary>
    [JsonStringEnumMemberName("afterSigning")]
    AfterSigning,
}
