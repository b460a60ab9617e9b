using Gateway.Partners.Identification;

namespace Gateway.Partners.Loading;

/// <summary>What a reload did.</summary>
/// <param name="Directory">The partners live after it.</param>
/// <param name="Files">Every file as loaded, with its problems.</param>
/// <param name="KeptLastGood">Files with errors whose previous version stays live.</param>
/// <param name="Off">Files with errors and no previous version: those partners are off.</param>
/// <param name="Removed">Partners whose files are gone.</param>
public sealed record ProfileReloadReport(
    PartnerDirectory Directory,
    IReadOnlyList<LoadedProfile> Files,
    IReadOnlyList<LoadedProfile> KeptLastGood,
    IReadOnlyList<LoadedProfile> Off,
    IReadOnlyList<string> Removed);
