using Gateway.Host.Certificates;
using Gateway.Host.Configuration;
using Gateway.Partners.Loading;
using Gateway.Partners.Profiles;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Gateway.Host.Jobs;

/// <summary>
/// Looks at every certificate the live profiles use and says, once each, when one comes within 60, 30 or 7 days of
/// expiry (Warning) or has expired (Error): renewals take weeks of back and forth with a partner, so the warning must
/// come early and name the next step. What it found stays in <see cref="CertificateExpiryWarnings.Current"/>.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class CertificateExpiryJob(ProfileReloader profiles, GatewaySettings settings, CertificateExpiryWarnings warnings, TimeProvider time, ILogger<CertificateExpiryJob> log) : IJob
{
    private const string RenewOurs = "renew our certificate and send the new public certificate to the partner";
    private const string RenewTheirs = "arrange the renewal with the partner; add the new certificate as nextPartnerCertificate";
    private const string RenewTheirsByEmail = "arrange the renewal with the partner; put the new certificate in transports.email.partnerCertificate when they switch";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            Check();
        }
        catch (Exception exception)
        {
            // The top of a job: say so and let the next run try again.
            LogCheckFailed(exception);
        }
        return ValueTask.CompletedTask;
    }

    private void Check()
    {
        var now = time.GetUtcNow();
        var partners = profiles.Current.Partners;
        var entries = CertificateInventory.Of(partners, settings.PartnerProfiles);
        foreach (var entry in entries)
        {
            if (entry.Problem is not null)
            {
                if (warnings.FirstTime(entry, "problem"))
                {
                    LogProblem(entry.PartnerId, entry.Use, entry.File, entry.Problem);
                }
                continue;
            }
            var expires = entry.NotAfter!.Value;
            int daysLeft = entry.DaysLeft(now)!.Value;
            if (expires <= now)
            {
                if (warnings.FirstTime(entry, "expired"))
                {
                    LogExpired(entry.PartnerId, entry.Use, entry.Subject!, entry.File, expires, daysLeft, NextStep(entry, partners));
                }
                continue;
            }
            // Only the tightest threshold crossed speaks: a gateway started 5 days before expiry warns once, not three times.
            int? threshold = CertificateExpiryWarnings.ThresholdDays.Where(days => expires - now <= TimeSpan.FromDays(days)).Select(days => (int?)days).LastOrDefault();
            if (threshold is { } days && warnings.FirstTime(entry, $"{days} days"))
            {
                LogExpiring(entry.PartnerId, entry.Use, entry.Subject!, entry.File, expires, daysLeft, days, NextStep(entry, partners));
            }
        }
        var current = entries.Where(e => e.Problem is not null || e.NotAfter - now <= TimeSpan.FromDays(CertificateEntry.SoonDays)).ToList();
        warnings.Publish(current, now);
    }

    private static string NextStep(CertificateEntry entry, IReadOnlyList<PartnerProfile> partners)
    {
        if (CertificateUse.IsOurs(entry.Use))
        {
            return RenewOurs;
        }
        if (entry.Use == CertificateUse.EmailPartner)
        {
            return RenewTheirsByEmail;
        }
        var as2 = partners.FirstOrDefault(p => p.Id == entry.PartnerId)?.Transports.As2;
        // A rollover is already set up: what is left is to promote it once it has taken over.
        return entry.Use is CertificateUse.As2Partner or CertificateUse.As2PartnerVerify && as2?.NextPartnerCertificate is { } next
            ? $"nextPartnerCertificate {next} is in place; once the partner has switched, make it partnerCertificate"
            : RenewTheirs;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Certificate expires in {DaysLeft} days ({Threshold}-day warning): partner {PartnerId}, {Use}, '{Subject}' in {File}, valid until {Expires:yyyy-MM-dd}; next: {NextStep}")]
    private partial void LogExpiring(string partnerId, string use, string subject, string file, DateTimeOffset expires, int daysLeft, int threshold, string nextStep);

    [LoggerMessage(Level = LogLevel.Error, Message = "Certificate EXPIRED on {Expires:yyyy-MM-dd} (days left: {DaysLeft}): partner {PartnerId}, {Use}, '{Subject}' in {File}; next: {NextStep}")]
    private partial void LogExpired(string partnerId, string use, string subject, string file, DateTimeOffset expires, int daysLeft, string nextStep);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Certificate of partner {PartnerId} ({Use}) in {File} cannot be checked: {Problem}")]
    private partial void LogProblem(string partnerId, string use, string file, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checking certificate expiry failed; the next run tries again")]
    private partial void LogCheckFailed(Exception exception);
}
