using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Gateway.Host.Certificates;
using Gateway.Host.Configuration;
using Gateway.Partners.Loading;

namespace Gateway.Host.Cli;

/// <summary><c>gateway certs list</c>: every certificate the partner profiles use and when it expires, so renewals start before partners get refused.</summary>
internal static class CertificateCommands
{
    private const int SubjectWidth = 40;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        string command = args.Length > 0 ? args[0] : "";
        var rest = args.Length > 0 ? args[1..] : [];
        var positional = rest.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        bool optionsOk = rest.Where(a => a.StartsWith("--", StringComparison.Ordinal)).All(a => a == "--json");
        if (command != "list" || positional.Count > 1 || !optionsOk)
        {
            return UsageError(error, command);
        }
        var settings = GatewaySettings.Load(Directory.GetCurrentDirectory());
        string directory = positional.Count == 1 ? Path.GetFullPath(positional[0]) : settings.PartnerProfiles;
        // Profiles with errors count too: an expired certificate is the very error an operator comes here about.
        var partners = ProfileLoader.LoadDirectory(new ProfileCheckOptions { ProfilesDirectory = directory })
            .Files.Where(f => f.Profile is not null).Select(f => f.Profile!);
        var now = TimeProvider.System.GetUtcNow();
        var entries = CertificateInventory.Of(partners, directory)
            .NeedingActionFirst()
            .ToList();
        if (rest.Contains("--json"))
        {
            output.WriteLine(JsonSerializer.Serialize(entries.Select(e => new
            {
                e.PartnerId,
                e.Use,
                e.File,
                e.Subject,
                e.Thumbprint,
                e.NotBefore,
                e.NotAfter,
                DaysLeft = e.DaysLeft(now),
                Status = Word(e.StatusAt(now)),
                e.Problem,
            }), Json));
        }
        else
        {
            WriteTable(entries, directory, now, output);
        }
        return entries.Any(e => e.StatusAt(now) is CertificateStatus.Expired or CertificateStatus.Problem) ? GatewayCommandLine.Invalid : GatewayCommandLine.Ok;
    }

    private static void WriteTable(List<CertificateEntry> entries, string directory, DateTimeOffset now, TextWriter output)
    {
        if (entries.Count == 0)
        {
            output.WriteLine($"No certificates: no profile in {directory} uses AS2 or S/MIME email.");
            return;
        }
        int partnerWidth = Math.Max("PARTNER".Length, entries.Max(e => e.PartnerId.Length));
        int useWidth = entries.Max(e => e.Use.Length);
        int subjectWidth = Math.Min(SubjectWidth, Math.Max("SUBJECT".Length, entries.Max(e => e.Subject?.Length ?? 1)));
        output.WriteLine($"{"PARTNER".PadRight(partnerWidth)}  {"USE".PadRight(useWidth)}  {"SUBJECT".PadRight(subjectWidth)}  {"EXPIRES",-10}  {"DAYS",5}  STATUS");
        foreach (var entry in entries)
        {
            string subject = entry.Subject ?? "-";
            subject = subject.Length > subjectWidth ? subject[..(subjectWidth - 1)] + "…" : subject;
            string expires = entry.NotAfter?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";
            string days = entry.DaysLeft(now)?.ToString(CultureInfo.InvariantCulture) ?? "-";
            var status = entry.StatusAt(now);
            string word = status == CertificateStatus.Problem ? $"problem: {entry.Problem}" : Word(status);
            output.WriteLine($"{entry.PartnerId.PadRight(partnerWidth)}  {entry.Use.PadRight(useWidth)}  {subject.PadRight(subjectWidth)}  {expires,-10}  {days,5}  {word}");
        }
        int expired = entries.Count(e => e.StatusAt(now) == CertificateStatus.Expired);
        int soon = entries.Count(e => e.StatusAt(now) == CertificateStatus.ExpiresSoon);
        int problems = entries.Count(e => e.StatusAt(now) == CertificateStatus.Problem);
        output.WriteLine($"{entries.Count} certificate use(s) in {directory}: {expired} expired, {soon} expiring within {CertificateEntry.SoonDays} days, {problems} with problems");
    }

    // The shared words, with an expired certificate shouted: the CLI is read at a glance in a terminal.
    private static string Word(CertificateStatus status) => status == CertificateStatus.Expired ? "EXPIRED" : status.Describe().Word;

    private static int UsageError(TextWriter error, string command)
    {
        error.WriteLine($"""
            Usage{(command.Length > 0 ? $" (certs {command})" : "")}:
              gateway certs list [DIR] [--json]     every certificate the profiles use, per partner and use, soonest expiry first
            Status: ok, expires soon (within {CertificateEntry.SoonDays} days), EXPIRED, not yet valid (normal for nextPartnerCertificate), problem: why.
            Exit 0 when none is expired or has a problem, 1 otherwise.
            DIR defaults to Gateway:PartnerProfiles from appsettings.json (partner-profiles).
            """);
        return GatewayCommandLine.Usage;
    }
}
