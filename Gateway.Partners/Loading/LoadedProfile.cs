using Gateway.Partners.Profiles;

namespace Gateway.Partners.Loading;

/// <summary>One profile file after loading: the profile when it could be read, and every problem found.</summary>
public sealed class LoadedProfile
{
    internal LoadedProfile(string file, PartnerProfile? profile, ProfileErrorList problems)
    {
        File = file;
        Profile = profile;
        ProblemList = problems;
    }

    /// <summary>The file as the loader was given it (for messages).</summary>
    public string File { get; }

    /// <summary>The profile, or null when the file could not be read into one.</summary>
    public PartnerProfile? Profile { get; }

    /// <summary>Errors and warnings, in file order.</summary>
    public IReadOnlyList<ProfileError> Problems => ProblemList.Items;

    /// <summary>True when the profile was read and has no errors (warnings allowed): the partner can go live.</summary>
    public bool IsUsable => Profile is not null && !ProblemList.HasErrors;

    internal ProfileErrorList ProblemList { get; }
}
