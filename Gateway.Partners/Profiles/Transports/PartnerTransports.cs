using System.ComponentModel;

namespace Gateway.Partners.Profiles.Transports;

/// <summary>The transports configured for one partner; each present section is enabled.</summary>
public sealed class PartnerTransports
{
    [Description("AS2 partnership.")]
    public As2Settings? As2 { get; init; }

    [Description("The partner's SFTP server, which we poll and upload to.")]
    public SftpSettings? Sftp { get; init; }

    [Description("Email exchange.")]
    public EmailSettings? Email { get; init; }

    [Description("Local folders, for demos, tests or a mounted share.")]
    public FolderSettings? Folder { get; init; }

    /// <summary>Whether the section for <paramref name="kind"/> is present.</summary>
    public bool Has(TransportKind kind) => kind switch
    {
        TransportKind.As2 => As2 is not null,
        TransportKind.Sftp => Sftp is not null,
        TransportKind.Email => Email is not null,
        _ => Folder is not null,
    };
}
