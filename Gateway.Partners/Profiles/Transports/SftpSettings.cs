using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Gateway.Partners.Profiles.Transports;

/// <summary>The partner's SFTP server: how we connect, where we pick up and drop off files, and when.</summary>
public sealed class SftpSettings
{
    [Required]
    [StringLength(253, MinimumLength = 1)]
    public string Host { get; init; } = "";

    [Range(1, 65535)]
    public int Port { get; init; } = 22;

    [Required]
    [StringLength(100, MinimumLength = 1)]
    public string User { get; init; } = "";

    [Required]
    [RegularExpression("^SHA256:[A-Za-z0-9+/]{43}=?$", ErrorMessage = "write the SHA256 fingerprint exactly as ssh-keyscan HOST | ssh-keygen -lf - prints it, such as SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8")]
    [Description("The server's host key fingerprint (SHA256:…); any other key is refused.")]
    public string HostKeyFingerprint { get; init; } = "";

    [Description("Password, as env:NAME or file:PATH. Give this or privateKey.")]
    public SecretReference? Password { get; init; }

    [Description("Private key file (RSA, ECDSA or Ed25519) and its passphrase reference. Give this or password.")]
    public KeyReference? PrivateKey { get; init; }

    [Description("Remote folder we pick up the partner's files from.")]
    public string? InboundFolder { get; init; }

    [Description("Remote folder we upload our files to.")]
    public string? OutboundFolder { get; init; }

    [StringLength(100, MinimumLength = 1)]
    [Description("Which inbound files to take, such as *.edi. Default *.")]
    public string FileMask { get; init; } = "*";

    [Description("When to poll: cron (minute hour day month weekday), such as */5 * * * * (the default).")]
    public string Schedule { get; init; } = "*/5 * * * *";

    [Description("delete (default) or move the remote file once it is safely received.")]
    public AfterPickup AfterPickup { get; init; } = AfterPickup.Delete;

    [Description("Remote folder to move picked-up files to (when afterPickup is move).")]
    public string? MoveTo { get; init; }

    [Description("stableSize (default) or markerFile.")]
    public FileCompleteness CompleteWhen { get; init; } = FileCompleteness.StableSize;

    [StringLength(20, MinimumLength = 1)]
    [Description("With markerFile: the marker's suffix, such as .done or .ok. Default .done.")]
    public string MarkerSuffix { get; init; } = ".done";

    [Range(1, 600)]
    [Description("Connection and operation timeout in seconds. Default 30.")]
    public int TimeoutSeconds { get; init; } = 30;
}
