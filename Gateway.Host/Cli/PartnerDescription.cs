using Gateway.Partners.Loading;
using Gateway.Partners.Profiles;
using Gateway.Partners.Profiles.Transports;

namespace Gateway.Host.Cli;

/// <summary>The human-readable page <c>gateway partners show ID</c> prints: what a support person needs at a glance, with defaults filled in.</summary>
internal static class PartnerDescription
{
    public static void Write(LoadedProfile file, TextWriter output)
    {
        var profile = file.Profile;
        if (profile is null)
        {
            output.WriteLine($"{file.File}: could not be read");
            WriteProblems(file, output);
            return;
        }
        int errors = file.Problems.Count(p => p.Severity == ProfileSeverity.Error);
        output.WriteLine($"{profile.Id}  {profile.Name}");
        output.WriteLine($"  file     {file.File}");
        output.WriteLine($"  status   {(errors == 0 ? "ready" : $"OFF: {errors} error(s)")}");
        foreach (var contact in profile.Contacts)
        {
            output.WriteLine($"  contact  {string.Join(", ", new[] { contact.Name, contact.Role, contact.Email, contact.Phone }.Where(s => s is not null))}");
        }
        output.WriteLine("Identities (theirs → ours)");
        foreach (var identity in profile.Identities.X12)
        {
            output.WriteLine($"  X12      {identity} GS {identity.ApplicationCode ?? identity.Id} → {Describe(profile.OurIdentity.X12)}");
        }
        foreach (var identity in profile.Identities.Edifact)
        {
            output.WriteLine($"  EDIFACT  {identity} → {profile.OurIdentity.Edifact?.ToString() ?? "(not set)"}");
        }
        output.WriteLine("Agreements");
        foreach (var agreement in profile.Agreements)
        {
            output.WriteLine($"  {agreement,-30} {Describe(agreement)}");
        }
        output.WriteLine("Transports");
        WriteTransports(profile.Transports, output);
        WriteProblems(file, output);
    }

    private static string Describe(X12Identity? identity) =>
        identity is null ? "(not set)" : $"{identity} GS {identity.ApplicationCode ?? identity.Id}";

    private static string Describe(Agreement agreement)
    {
        var parts = new List<string> { agreement.Usage.ToString().ToLowerInvariant() };
        var acks = agreement.Acknowledgments;
        if (agreement.Direction == DocumentDirection.Inbound)
        {
            parts.Add(agreement.Validation.ToString().ToLowerInvariant());
            parts.Add(agreement.Standard == EdiStandard.X12
                ? $"ack {Name(acks.Functional ?? FunctionalAcknowledgment.Ack997)}, TA1 {Name(acks.Ta1 ?? Ta1Policy.OnRequest)}"
                : $"CONTRL {Name(acks.Contrl ?? ContrlPolicy.OnRequest)}");
            parts.Add(agreement.DuplicateWindowDays == 0 ? "no duplicate check" : $"duplicates within {agreement.DuplicateWindowDays} days");
            parts.Add($"same business reference: {Name(agreement.BusinessDuplicates)}");
        }
        else if (acks.ExpectedWithinHours is { } hours)
        {
            parts.Add($"ack expected within {hours} h");
        }
        if (agreement.Transport is { } transport)
        {
            parts.Add($"via {Name(transport)}");
        }
        parts.Add($"map {agreement.Map ?? "-"}");
        parts.Add($"endpoint {agreement.Endpoint ?? "-"}");
        return string.Join(", ", parts);
    }

    private static void WriteTransports(PartnerTransports transports, TextWriter output)
    {
        if (transports.As2 is { } as2)
        {
            output.WriteLine($"  as2      {as2.PartnerAs2Id} → {as2.OurAs2Id}, {as2.Url}, sign {Name(as2.Signing)}, encrypt {Name(as2.Encryption)}, compress {Name(as2.Compression)}, MDN {Name(as2.Mdn)}{(as2.MdnSigned ? " signed" : "")}");
            output.WriteLine($"           their certificate {as2.PartnerCertificate}, our key {as2.OurCertificate.File}{(as2.OurCertificate.Password is { } p ? $" (password {p})" : "")}");
        }
        if (transports.Sftp is { } sftp)
        {
            string credential = sftp.PrivateKey is { } key ? $"key {key.File}" : $"password {sftp.Password}";
            output.WriteLine($"  sftp     {sftp.User}@{sftp.Host}:{sftp.Port} ({credential}), host key {sftp.HostKeyFingerprint}");
            output.WriteLine($"           pick up {sftp.InboundFolder ?? "-"}/{sftp.FileMask} on '{sftp.Schedule}', then {Name(sftp.AfterPickup)}{(sftp.MoveTo is null ? "" : $" to {sftp.MoveTo}")}; upload to {sftp.OutboundFolder ?? "-"}");
        }
        if (transports.Email is { } email)
        {
            output.WriteLine($"  email    from {string.Join(", ", email.AllowedSenders)} in {email.Mailbox}; send to {email.OutboundAddress ?? "-"}");
        }
        if (transports.Folder is { } folder)
        {
            output.WriteLine($"  folder   inbox {folder.Inbox ?? "(default)"}, outbox {folder.Outbox ?? "(default)"}");
        }
    }

    private static void WriteProblems(LoadedProfile file, TextWriter output)
    {
        if (file.Problems.Count == 0)
        {
            return;
        }
        output.WriteLine("Problems");
        foreach (var problem in file.Problems)
        {
            output.WriteLine($"  {problem}");
        }
    }

    private static string Name<T>(T value) where T : struct, Enum => ProfileNames.Of(value);
}
