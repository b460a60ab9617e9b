using System.Text.Json.Serialization;

namespace Gateway.Partners.Profiles.Transports;

/// <summary>A transport that moves documents between the partner and us.</summary>
public enum TransportKind
{
    /// <summary>AS2 over HTTP(S).</summary>
    [JsonStringEnumMemberName("as2")]
    As2,

    /// <summary>SFTP on the partner's server.</summary>
    [JsonStringEnumMemberName("sftp")]
    Sftp,

    /// <summary>Email attachments.</summary>
    [JsonStringEnumMemberName("email")]
    Email,

    /// <summary>A local folder (demos, tests, or a mounted share).</summary>
    [JsonStringEnumMemberName("folder")]
    Folder,
}
