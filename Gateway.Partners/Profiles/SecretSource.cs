namespace Gateway.Partners.Profiles;

/// <summary>Where a <see cref="SecretReference"/> points.</summary>
public enum SecretSource
{
    /// <summary>An environment variable of the gateway's process.</summary>
    Environment,

    /// <summary>A file, kept outside the repository, holding only the secret.</summary>
    File,
}
