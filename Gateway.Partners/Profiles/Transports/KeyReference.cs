using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Gateway.Partners.Profiles.Transports;

/// <summary>A private key or key pair in a file, with the reference to the secret that opens it.</summary>
public sealed class KeyReference
{
    [Required]
    [Description("The key file, relative to partner-profiles/ or absolute.")]
    public string File { get; init; } = "";

    [Description("The password or passphrase that opens it, as env:NAME or file:PATH; never the value itself.")]
    public SecretReference? Password { get; init; }
}
