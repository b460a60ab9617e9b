using Gateway.Partners.Profiles;

namespace Gateway.Partners.Loading;

/// <summary>
/// Checks that no two profiles claim the same partner id, envelope identity, AS2 id, sender address or folder, so every
/// document reaches exactly one partner. The later file (by name) gets the error; the earlier one keeps running.
/// </summary>
internal static class ProfileSetChecker
{
    public static void Check(IEnumerable<LoadedProfile> files)
    {
        var claims = new Dictionary<string, (LoadedProfile File, string Path)>(StringComparer.Ordinal);
        foreach (var file in files.Where(f => f.Profile is not null))
        {
            foreach (var (key, path, what) in Claims(file.Profile!))
            {
                if (claims.TryGetValue(key, out var owner))
                {
                    if (owner.File == file)
                    {
                        continue;   // a partner may repeat itself (the same address on two lists)
                    }
                    var (line, _) = owner.File.ProblemList.PositionOf(owner.Path);
                    file.ProblemList.AddAt(path, $"{what} is already used by partner '{owner.File.Profile!.Id}' ({owner.File.File} line {line}); each must belong to one partner, so this partner stays off until one of them changes");
                }
                else
                {
                    claims.Add(key, (file, path));
                }
            }
        }
    }

    private static IEnumerable<(string Key, string Path, string What)> Claims(PartnerProfile profile)
    {
        yield return ($"id:{profile.Id}", "id", $"id '{profile.Id}'");
        for (int i = 0; i < profile.Identities.X12.Count; i++)
        {
            var identity = profile.Identities.X12[i];
            yield return ($"x12:{identity.Qualifier}:{identity.Id}", $"identities.x12[{i}]", $"X12 identity {identity}");
        }
        for (int i = 0; i < profile.Identities.Edifact.Count; i++)
        {
            var identity = profile.Identities.Edifact[i];
            yield return ($"edifact:{identity}", $"identities.edifact[{i}]", $"EDIFACT identity {identity}");
        }
        if (profile.Transports.As2 is { } as2)
        {
            yield return ($"as2:{as2.PartnerAs2Id}", "transports.as2.partnerAs2Id", $"AS2 id '{as2.PartnerAs2Id}'");
        }
        if (profile.Transports.Email is { } email)
        {
            for (int i = 0; i < email.AllowedSenders.Count; i++)
            {
                yield return ($"email:{email.AllowedSenders[i].ToUpperInvariant()}", $"transports.email.allowedSenders[{i}]", $"sender address {email.AllowedSenders[i]}");
            }
        }
        if (profile.Transports.Folder?.Inbox is { } inbox)
        {
            yield return ($"folder:{inbox}", "transports.folder.inbox", $"inbox folder {inbox}");
        }
    }
}
