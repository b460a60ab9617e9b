using Gateway.Partners.Profiles;

namespace Gateway.Partners.Loading;

/// <summary>Every profile file of a folder after loading and cross-checking.</summary>
public sealed class ProfileSet(IReadOnlyList<LoadedProfile> files)
{
    /// <summary>Each file, in file-name order, usable or not.</summary>
    public IReadOnlyList<LoadedProfile> Files { get; } = files;

    /// <summary>The profiles that can go live.</summary>
    public IEnumerable<PartnerProfile> Usable => Files.Where(f => f.IsUsable).Select(f => f.Profile!);

    /// <summary>Whether any file has an error (warnings do not count).</summary>
    public bool HasErrors => Files.Any(f => !f.IsUsable);
}
