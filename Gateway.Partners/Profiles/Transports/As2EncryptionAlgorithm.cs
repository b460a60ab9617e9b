using System.Text.Json.Serialization;

namespace Gateway.Partners.Profiles.Transports;

/// <summary>The content encryption of AS2 messages we send.</summary>
public enum As2EncryptionAlgorithm
{
    /// <summary>AES-128-CBC.</summary>
    [JsonStringEnumMemberName("aes128")]
    Aes128,

    /// <summary>AES-192-CBC.</summary>
    [JsonStringEnumMemberName("aes192")]
    Aes192,

    /// <summary>AES-256-CBC.</summary>
    [JsonStringEnumMemberName("aes256")]
    Aes256,

    /// <summary>AES-128-GCM.</summary>
    [JsonStringEnumMemberName("aes128gcm")]
    Aes128Gcm,

    /// <summary>AES-256-GCM.</summary>
    [JsonStringEnumMemberName("aes256gcm")]
    Aes256Gcm,

    /// <summary>3DES: legacy, only with allowLegacyAlgorithms.</summary>
    [JsonStringEnumMemberName("3des")]
    TripleDes,

    /// <summary>No encryption: only over HTTPS.</summary>
    [JsonStringEnumMemberName("none")]
    None,
}
