using System.Text.Json.Serialization;

namespace Gateway.Partners.Profiles.Transports;

/// <summary>The digest of AS2 signatures and signed MDNs.</summary>
public enum As2SigningAlgorithm
{
    /// <summary>SHA-256.</summary>
    [JsonStringEnumMemberName("sha256")]
    Sha256,

    /// <summary>SHA-384.</summary>
    [JsonStringEnumMemberName("sha384")]
    Sha384,

    /// <summary>SHA-512.</summary>
    [JsonStringEnumMemberName("sha512")]
    Sha512,

    /// <summary>SHA-1: legacy, only with allowLegacyAlgorithms.</summary>
    [JsonStringEnumMemberName("sha1")]
    Sha1,
}
