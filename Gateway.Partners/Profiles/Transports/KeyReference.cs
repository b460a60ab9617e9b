using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;

namespace Gateway.Partners.Profiles.Transports;

/// <summary>A private key or key pair in a file, with the reference to the secret that opens it.</summary>
public sealed class KeyReference
{
    [Required]
    [Description("The key file, relative to partner-profiles/ or absolute.")]
    public string File { get; init; } = "";

    [Description("The password or passphrase that opens it, as env:NAME or file:PATH; never the value itself.")]
    public SecretReference? Password { get; init; }

    /// <summary>The password that opens the key file (empty when none is referenced), or why it cannot be read.</summary>
    /// <param name="baseDirectory">The folder relative <c>file:</c> references resolve against.</param>
    /// <param name="password">The password, when it could be read.</param>
    /// <param name="problem">Why not, naming the reference, never a value.</param>
    public bool TryResolvePassword(string baseDirectory, [NotNullWhen(true)] out string? password, [NotNullWhen(false)] out string? problem)
    {
        if (Password is null)
        {
            (password, problem) = ("", null);
            return true;
        }
        return Password.TryResolve(baseDirectory, out password, out problem);
    }
}
