using System.Text.RegularExpressions;
using Gateway.Host.Certificates;
using Gateway.Host.Configuration;
using Gateway.Host.Tracking;
using Gateway.Partners.Loading;
using Gateway.Partners.Profiles;

namespace Gateway.Host.Operations;

/// <summary>
/// One partner as support and onboarding staff need it: the profile in short (as <c>gateway partners show</c> prints
/// it), whether it is live, its traffic of the last <see cref="Window"/> days, what failed, its certificates and its
/// self-tests. The profile file is read again (the live directory keeps no problems), the traffic from the store.
/// </summary>
internal sealed partial record PartnerSummary(
    string Id,
    string Name,
    string Status,
    bool Live,
    string? File,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Contacts,
    IReadOnlyList<string> Identities,
    IReadOnlyList<string> Agreements,
    IReadOnlyList<PartnerSummary.Transport> Transports,
    DateTimeOffset? LastReceivedAt,
    DateTimeOffset? LastSentAt,
    int Received,
    int Sent,
    IReadOnlyList<PartnerSummary.ErrorDocument> RecentErrors,
    IReadOnlyList<PartnerSummary.ErrorOutbound> OutboundErrors,
    IReadOnlyList<PartnerSummary.Certificate> Certificates,
    IReadOnlyList<PartnerSummary.SelfTest> SelfTests)
{
    /// <summary>Days of traffic looked at.</summary>
    public const int Window = 7;

    private const int ListLimit = 50;

    /// <summary>Whether <paramref name="id"/> can be a partner id (it becomes a file name, so nothing else is looked up).</summary>
    public static bool IsPartnerId(string? id) => id is not null && PartnerId().IsMatch(id);

    /// <summary>Every partner with a profile file or live, by id.</summary>
    public static IReadOnlyList<Row> All(ITrackingStore store, ProfileReloader profiles, GatewaySettings settings, DateTimeOffset now)
    {
        var since = now.AddDays(-Window);
        var files = ProfileLoader.LoadDirectory(Options(settings)).Files.ToDictionary(f => System.IO.Path.GetFileNameWithoutExtension(f.File), StringComparer.Ordinal);
        var live = profiles.Current.Partners.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var documents = store.DocumentsReceivedSince(since, null, Dashboard.Limit).Where(d => d.PartnerId is not null).GroupBy(d => d.PartnerId!).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var outbound = store.OutboundCreatedSince(since, null, Dashboard.Limit).GroupBy(o => o.PartnerId).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var certificates = CertificateInventory.Of(live.Values, settings.PartnerProfiles).GroupBy(c => c.PartnerId).ToDictionary(g => g.Key, g => g.Min(c => c.DaysLeft(now)), StringComparer.Ordinal);
        return files.Keys.Concat(live.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(id =>
        {
            var profile = live.GetValueOrDefault(id) ?? files.GetValueOrDefault(id)?.Profile;
            var received = documents.GetValueOrDefault(id) ?? [];
            var sent = outbound.GetValueOrDefault(id) ?? [];
            return new Row(
                id,
                profile?.Name,
                StatusOf(files.GetValueOrDefault(id), live.ContainsKey(id)),
                live.ContainsKey(id),
                profile is null ? [] : [.. Dashboard.ConfiguredTransports(profile)],
                profile?.Agreements.Count ?? 0,
                received.Count == 0 ? null : received.Max(d => d.ReceivedAt),
                sent.Max(o => o.SentAt),
                received.Count(d => Dashboard.IsError(d.Status)) + sent.Count(IsOutboundError),
                certificates.GetValueOrDefault(id));
        }).ToList();
    }

    /// <summary>The partner <paramref name="id"/>, or null when it has neither a profile file nor a live profile.</summary>
    public static PartnerSummary? Of(ITrackingStore store, ProfileReloader profiles, GatewaySettings settings, string id, DateTimeOffset now)
    {
        if (!IsPartnerId(id))
        {
            return null;
        }
        var file = ProfileLoader.ProfileFiles(settings.PartnerProfiles)
            .FirstOrDefault(f => string.Equals(System.IO.Path.GetFileNameWithoutExtension(f), id, StringComparison.Ordinal)) is { } path
            ? ProfileLoader.LoadFile(path, Options(settings))
            : null;
        var live = profiles.Current.Find(id);
        var profile = live ?? file?.Profile;
        if (profile is null && file is null)
        {
            return null;
        }
        var since = now.AddDays(-Window);
        var received = store.DocumentsReceivedSince(since, id, Dashboard.Limit);
        var sent = store.OutboundCreatedSince(since, id, Dashboard.Limit);
        var certificates = profile is null ? [] : CertificateInventory.Of([profile], settings.PartnerProfiles)
            .NeedingActionFirst()
            .Select(e =>
            {
                var (word, css) = e.StatusAt(now).Describe();
                return new Certificate(e.Use, e.File, e.Subject, e.NotAfter, e.DaysLeft(now), word, css, e.Problem);
            })
            .ToList();
        return new PartnerSummary(
            id,
            profile?.Name ?? id,
            StatusOf(file, live is not null),
            live is not null,
            file?.File,
            file?.Problems.Select(p => p.ToString()).ToList() ?? [],
            profile?.Contacts.Select(c => string.Join(", ", new[] { c.Name, c.Role, c.Email, c.Phone }.Where(s => !string.IsNullOrEmpty(s)))).ToList() ?? [],
            profile is null ? [] : IdentitiesOf(profile),
            profile?.Agreements.Select(Describe).ToList() ?? [],
            profile is null ? [] : TransportsOf(profile.Transports),
            received.Count == 0 ? null : received.Max(d => d.ReceivedAt),
            sent.Max(o => o.SentAt),
            received.Count,
            sent.Count(o => o.SentAt is not null),
            received.Where(d => Dashboard.IsError(d.Status) || d.Status == DocumentStatus.Held).Take(ListLimit)
                .Select(d => new ErrorDocument(d.Id, d.Type, d.Status.ToString(), d.BusinessReference, d.ReceivedAt, d.Timeline.LastOrDefault()?.Message ?? d.Issues.FirstOrDefault()))
                .ToList(),
            sent.Where(IsOutboundError).Take(ListLimit)
                .Select(o => new ErrorOutbound(o.Id, o.Kind, o.Transport, o.Status, o.AcknowledgmentStatus, o.CreatedAt, o.LastError ?? o.AcknowledgmentErrors.FirstOrDefault()))
                .ToList(),
            certificates,
            sent.Where(o => PartnerSelfTest.IsSelfTest(o.Id)).Take(ListLimit)
                .Select(o => new SelfTest(o.Id, o.Kind, o.Transport, o.Status, o.CreatedAt, o.SentAt, o.TransportReceipt, o.LastError, PartnerSelfTest.RequestedBy(o)))
                .ToList());
    }

    private static bool IsOutboundError(OutboundRecord o) => o.Status == "SendFailed" || o.LastError is not null || o.AcknowledgmentStatus is "Rejected" or "Overdue";

    private static string StatusOf(LoadedProfile? file, bool live)
    {
        int errors = file?.Problems.Count(p => p.Severity == ProfileSeverity.Error) ?? 0;
        return (file, live) switch
        {
            (null, true) => "live, but its profile file is gone (removed at the next reload)",
            (not null, true) when errors > 0 => $"live on its last good version: the file has {errors} error(s)",
            (not null, true) => "live",
            _ => $"OFF: {errors} error(s) in its profile; its documents are quarantined",
        };
    }

    private static List<string> IdentitiesOf(PartnerProfile profile)
    {
        var lines = profile.Identities.X12.Select(i => $"X12 {i} GS {i.ApplicationCode ?? i.Id} → {(profile.OurIdentity.X12 is { } us ? $"{us} GS {us.ApplicationCode ?? us.Id}" : "(our X12 identity not set)")}").ToList();
        lines.AddRange(profile.Identities.Edifact.Select(i => $"EDIFACT {i} → {profile.OurIdentity.Edifact?.ToString() ?? "(our EDIFACT identity not set)"}"));
        return lines;
    }

    private static string Describe(Agreement agreement)
    {
        var parts = new List<string> { agreement.ToString(), agreement.Usage.ToString().ToLowerInvariant() };
        if (agreement.Direction == DocumentDirection.Outbound && agreement.Acknowledgments.ExpectedWithinHours is { } hours)
        {
            parts.Add($"ack expected within {hours} h");
        }
        if (agreement.Transport is { } transport)
        {
            parts.Add($"via {ProfileNames.Of(transport)}");
        }
        parts.Add($"map {agreement.Map ?? "(default)"}");
        if (agreement.Endpoint is { } endpoint)
        {
            parts.Add($"endpoint {endpoint}");
        }
        return string.Join(", ", parts);
    }

    // Names and addresses only: secret references (env:, file:) are not shown here, and never their values.
    private static List<Transport> TransportsOf(Gateway.Partners.Profiles.Transports.PartnerTransports transports)
    {
        var list = new List<Transport>();
        if (transports.As2 is { } as2)
        {
            list.Add(new Transport("as2", $"{as2.PartnerAs2Id} → {as2.OurAs2Id}, {as2.Url}, sign {ProfileNames.Of(as2.Signing)}, encrypt {ProfileNames.Of(as2.Encryption)}, MDN {ProfileNames.Of(as2.Mdn)}{(as2.MdnSigned ? " signed" : "")}"));
        }
        if (transports.Sftp is { } sftp)
        {
            list.Add(new Transport("sftp", $"{sftp.User}@{sftp.Host}:{sftp.Port}, pick up {sftp.InboundFolder ?? "-"}/{sftp.FileMask} on '{sftp.Schedule}', upload to {sftp.OutboundFolder ?? "-"}"));
        }
        if (transports.Email is { } email)
        {
            list.Add(new Transport("email", $"from {string.Join(", ", email.AllowedSenders)} in {email.Mailbox}; send to {email.OutboundAddress ?? "-"}"));
        }
        if (transports.Folder is { } folder)
        {
            list.Add(new Transport("folder", $"inbox {folder.Inbox ?? "(default)"}, outbox {folder.Outbox ?? "(default)"}"));
        }
        return list;
    }

    private static ProfileCheckOptions Options(GatewaySettings settings) => new()
    {
        ProfilesDirectory = settings.PartnerProfiles,
        MapsDirectory = settings.Maps,
        Endpoints = settings.Endpoints.Keys.ToHashSet(StringComparer.Ordinal),
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex PartnerId();
}
