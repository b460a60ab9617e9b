namespace Gateway.Host.Certificates;

/// <summary>
/// One certificate one partner's profile uses, for one purpose: what operators need to see before it expires. A
/// certificate shared by several partners appears once per partner and use, because each partnership must be renewed.
/// </summary>
/// <param name="PartnerId">The partner whose profile refers to it.</param>
/// <param name="Use">What it is for; one of <see cref="CertificateUse"/>'s values.</param>
/// <param name="File">The path as written in the profile.</param>
/// <param name="Subject">The subject's simple name, or null when the file could not be read.</param>
/// <param name="Thumbprint">SHA-1 thumbprint in hex, or null when the file could not be read.</param>
/// <param name="NotBefore">Start of validity (UTC), or null when the file could not be read.</param>
/// <param name="NotAfter">End of validity (UTC), or null when the file could not be read.</param>
/// <param name="Problem">Why the file cannot be used as the profile says (never a secret), or null.</param>
internal sealed record CertificateEntry(
    string PartnerId,
    string Use,
    string File,
    string? Subject,
    string? Thumbprint,
    DateTimeOffset? NotBefore,
    DateTimeOffset? NotAfter,
    string? Problem)
{
    /// <summary>Within this many days of its end a certificate "expires soon"; the widest expiry warning.</summary>
    public const int SoonDays = 60;

    /// <summary>Whole days from <paramref name="now"/> to the end of validity, negative once expired; null when unknown.</summary>
    public int? DaysLeft(DateTimeOffset now) => NotAfter is { } end ? (int)Math.Floor((end - now).TotalDays) : null;

    /// <summary>Where the certificate stands at <paramref name="now"/>.</summary>
    public CertificateStatus StatusAt(DateTimeOffset now) =>
        Problem is not null || NotAfter is not { } end || NotBefore is not { } start ? CertificateStatus.Problem
        : end <= now ? CertificateStatus.Expired
        : start > now ? CertificateStatus.NotYetValid
        : end - now <= TimeSpan.FromDays(SoonDays) ? CertificateStatus.ExpiresSoon
        : CertificateStatus.Ok;
}
