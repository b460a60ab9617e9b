using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Gateway.Host.Certificates;
using Gateway.Host.Cli;
using Gateway.Host.Configuration;
using Gateway.Host.Jobs;
using Gateway.Partners.Loading;
using Gateway.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Host;

/// <summary>Certificates for operators: the inventory per partner and use, the expiry warnings (each once), and <c>gateway certs list</c>.</summary>
[NonParallelizable]   // the CLI reads Gateway__PartnerProfiles and the pfx password from the process environment
public sealed class CertificateTests
{
    private const string PasswordVariable = "GATEWAY_TEST_CERTS_PFX_PASSWORD";
    private const string Password = "pfx-pass-7f3a9c";
    private static readonly DateTimeOffset T0 = new(2031, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private string _directory = "";

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Directory.CreateTempSubdirectory("gateway-certs-").FullName;
        Directory.CreateDirectory(Path.Combine(_directory, "certs"));
        Environment.SetEnvironmentVariable(PasswordVariable, Password);
    }

    [TearDown]
    public void DeleteDirectory()
    {
        Environment.SetEnvironmentVariable(PasswordVariable, null);
        Environment.SetEnvironmentVariable("Gateway__PartnerProfiles", null);
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public void Inventory_ListsEveryCertificatePerPartnerAndUse_WithItsDates()
    {
        var acme = WriteCer("acme.cer", "as2.acme.example", T0.AddYears(-1), T0.AddDays(200));
        var encryption = WriteCer("acme-enc.cer", "enc.acme.example", T0.AddYears(-1), T0.AddDays(300));
        var next = WriteCer("acme-next.cer", "as2-2032.acme.example", T0.AddDays(100), T0.AddYears(3));
        var mail = WriteCer("acme-mail.cer", "mail.acme.example", T0.AddYears(-1), T0.AddDays(400));
        var globex = WriteCer("globex.cer", "as2.globex.example", T0.AddYears(-2), T0.AddDays(50));
        var ours = WritePfx("ours.pfx", "distributor.example", T0.AddYears(-1), T0.AddYears(2));
        WriteProfile("acme", As2("ACME", "certs/acme.cer", extra: "    partnerEncryptionCertificate: certs/acme-enc.cer\n    nextPartnerCertificate: certs/acme-next.cer\n")
            + Email("certs/acme-mail.cer", "certs/ours.pfx"));
        WriteProfile("globex", As2("GLOBEX", "certs/globex.cer"));

        var entries = CertificateInventory.Of(LoadUsable(), _directory);

        Assert.That(entries.Select(e => (e.PartnerId, e.Use, e.File, e.Subject, e.Thumbprint, e.NotBefore, e.NotAfter, e.Problem)), Is.EqualTo(new[]
        {
            ("acme", "as2 partner (verify)", "certs/acme.cer", "as2.acme.example", acme.Thumbprint, acme.NotBefore, acme.NotAfter, (string?)null),
            ("acme", "as2 partner encryption", "certs/acme-enc.cer", "enc.acme.example", encryption.Thumbprint, encryption.NotBefore, encryption.NotAfter, null),
            ("acme", "as2 partner next", "certs/acme-next.cer", "as2-2032.acme.example", next.Thumbprint, next.NotBefore, next.NotAfter, null),
            ("acme", "as2 ours (sign, decrypt)", "certs/ours.pfx", "distributor.example", ours.Thumbprint, ours.NotBefore, ours.NotAfter, null),
            ("acme", "email partner", "certs/acme-mail.cer", "mail.acme.example", mail.Thumbprint, mail.NotBefore, mail.NotAfter, null),
            ("acme", "email ours", "certs/ours.pfx", "distributor.example", ours.Thumbprint, ours.NotBefore, ours.NotAfter, null),
            ("globex", "as2 partner (verify, encrypt)", "certs/globex.cer", "as2.globex.example", globex.Thumbprint, globex.NotBefore, globex.NotAfter, null),
            ("globex", "as2 ours (sign, decrypt)", "certs/ours.pfx", "distributor.example", ours.Thumbprint, ours.NotBefore, ours.NotAfter, null),
        }));
        Assert.Multiple(() =>
        {
            Assert.That(entries[0].NotAfter, Is.EqualTo(T0.AddDays(200)), "the date written into the certificate, in UTC");
            Assert.That(entries[0].DaysLeft(T0), Is.EqualTo(200));
            Assert.That(entries[6].StatusAt(T0), Is.EqualTo(CertificateStatus.ExpiresSoon));
            Assert.That(entries[2].StatusAt(T0), Is.EqualTo(CertificateStatus.NotYetValid));
            Assert.That(entries[0].StatusAt(T0), Is.EqualTo(CertificateStatus.Ok));
            Assert.That(entries[0].StatusAt(T0.AddDays(200)), Is.EqualTo(CertificateStatus.Expired));
        });
    }

    [Test]
    public void Inventory_BadFiles_GiveProblemsNotExceptions_AndNeverThePassword()
    {
        WriteCer("acme.cer", "as2.acme.example", T0.AddYears(-1), T0.AddYears(1));
        WriteCer("acme-mail.cer", "mail.acme.example", T0.AddYears(-1), T0.AddYears(1));
        WritePfx("ours.pfx", "distributor.example", T0.AddYears(-1), T0.AddYears(2));
        WriteProfile("acme", As2("ACME", "certs/acme.cer") + Email("certs/acme-mail.cer", "certs/ours.pfx", password: "env:GATEWAY_TEST_CERTS_UNSET"));
        WriteProfile("globex", As2("GLOBEX", "certs/acme.cer"));
        var partners = LoadUsable();
        File.Delete(Path.Combine(_directory, "certs", "acme.cer"));
        File.WriteAllText(Path.Combine(_directory, "certs", "acme-mail.cer"), "not a certificate");
        const string WrongPassword = "wrong-pass-5521";
        Environment.SetEnvironmentVariable(PasswordVariable, WrongPassword);

        IReadOnlyList<CertificateEntry> entries = [];
        Assert.That(() => entries = CertificateInventory.Of(partners, _directory), Throws.Nothing);

        var byUse = entries.Where(e => e.PartnerId == "acme").ToDictionary(e => e.Use);
        Assert.Multiple(() =>
        {
            Assert.That(entries, Has.Count.EqualTo(6), "each bad file still has its entry");
            Assert.That(byUse["as2 partner (verify, encrypt)"].Problem, Is.EqualTo($"file {Path.Combine(_directory, "certs", "acme.cer")} does not exist"));
            Assert.That(byUse["as2 partner (verify, encrypt)"].NotAfter, Is.Null);
            Assert.That(byUse["as2 partner (verify, encrypt)"].StatusAt(T0), Is.EqualTo(CertificateStatus.Problem));
            Assert.That(byUse["email partner"].Problem, Does.StartWith("certs/acme-mail.cer is not a certificate in PEM or DER form"));
            Assert.That(byUse["as2 ours (sign, decrypt)"].Problem, Does.StartWith("certs/ours.pfx cannot be opened as a .pfx/.p12 key pair"));
            Assert.That(byUse["email ours"].Problem, Is.EqualTo("its password cannot be read here: environment variable GATEWAY_TEST_CERTS_UNSET is not set"));
            Assert.That(entries.Select(e => e.Problem), Has.None.Contains(WrongPassword).And.None.Contains(Password));
        });
    }

    [Test]
    public async Task Job_WarnsAt60_30And7DaysOnceEach_ThenErrorsOnceWhenExpired()
    {
        WriteCer("acme.cer", "as2.acme.example", T0.AddYears(-1), T0.AddDays(100));
        WritePfx("ours.pfx", "distributor.example", T0.AddYears(-1), T0.AddYears(2));
        WriteProfile("acme", As2("ACME", "certs/acme.cer"));
        var time = new FakeTimeProvider(T0);
        using var profiles = LiveProfiles(time);
        var warnings = new CertificateExpiryWarnings();
        var log = new ListLogger<CertificateExpiryJob>();
        var seen = new List<int>();

        foreach (int day in new[] { 0, 39, 41, 45, 71, 80, 94, 99, 101, 130 })
        {
            time.SetUtcNow(T0.AddDays(day));
            // Quartz makes a new job for every run; only the warnings singleton carries over.
            await new CertificateExpiryJob(profiles, Settings(), warnings, time, log).Execute(null!, CancellationToken.None);
            seen.Add(log.Entries.Count);
        }

        Assert.That(seen, Is.EqualTo(new[] { 0, 0, 1, 1, 2, 2, 3, 3, 4, 4 }), "a log line at 60, 30 and 7 days left and at expiry, each once");
        Assert.That(log.Entries.Select(e => e.Level), Is.EqualTo(new[] { LogLevel.Warning, LogLevel.Warning, LogLevel.Warning, LogLevel.Error }));
        Assert.Multiple(() =>
        {
            Assert.That(log.Entries[0].Message, Is.EqualTo("Certificate expires in 59 days (60-day warning): partner acme, as2 partner (verify, encrypt), 'as2.acme.example' in certs/acme.cer, valid until 2031-08-09; next: arrange the renewal with the partner; add the new certificate as nextPartnerCertificate"));
            Assert.That(log.Entries[1].Message, Does.StartWith("Certificate expires in 29 days (30-day warning): partner acme"));
            Assert.That(log.Entries[2].Message, Does.StartWith("Certificate expires in 6 days (7-day warning): partner acme"));
            Assert.That(log.Entries[3].Message, Is.EqualTo("Certificate EXPIRED on 2031-08-09 (days left: -1): partner acme, as2 partner (verify, encrypt), 'as2.acme.example' in certs/acme.cer; next: arrange the renewal with the partner; add the new certificate as nextPartnerCertificate"));
            Assert.That(warnings.Current.Select(e => (e.PartnerId, e.Use)), Is.EqualTo(new[] { ("acme", "as2 partner (verify, encrypt)") }), "the expired certificate, not ours (two years left)");
            Assert.That(warnings.CheckedAt, Is.EqualTo(T0.AddDays(130)));
        });
    }

    [Test]
    public async Task Job_FirstRunCloseToExpiry_WarnsOnceAtTheTightestThreshold_WithOurNextStep()
    {
        WriteCer("acme.cer", "as2.acme.example", T0.AddYears(-1), T0.AddYears(1));
        WritePfx("ours.pfx", "distributor.example", T0.AddYears(-1), T0.AddDays(5));
        WriteProfile("acme", As2("ACME", "certs/acme.cer"));
        var time = new FakeTimeProvider(T0);
        using var profiles = LiveProfiles(time);
        var warnings = new CertificateExpiryWarnings();
        var log = new ListLogger<CertificateExpiryJob>();

        await new CertificateExpiryJob(profiles, Settings(), warnings, time, log).Execute(null!, CancellationToken.None);
        var current = warnings.Current;
        time.Advance(TimeSpan.FromHours(12));
        await new CertificateExpiryJob(profiles, Settings(), warnings, time, log).Execute(null!, CancellationToken.None);

        Assert.That(log.Entries, Has.Count.EqualTo(1), string.Join("\n", log.Entries));
        Assert.Multiple(() =>
        {
            Assert.That(log.Entries[0].Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(log.Entries[0].Message, Is.EqualTo("Certificate expires in 5 days (7-day warning): partner acme, as2 ours (sign, decrypt), 'distributor.example' in certs/ours.pfx, valid until 2031-05-06; next: renew our certificate and send the new public certificate to the partner"));
            Assert.That(current.Select(e => e.Use), Is.EqualTo(new[] { "as2 ours (sign, decrypt)" }));
        });
    }

    [Test]
    public async Task Job_FileGoneAfterLoading_WarnsOnceAndShowsItInCurrent()
    {
        WriteCer("acme.cer", "as2.acme.example", T0.AddYears(-1), T0.AddYears(1));
        WritePfx("ours.pfx", "distributor.example", T0.AddYears(-1), T0.AddYears(2));
        WriteProfile("acme", As2("ACME", "certs/acme.cer"));
        var time = new FakeTimeProvider(T0);
        using var profiles = LiveProfiles(time);
        var warnings = new CertificateExpiryWarnings();
        var log = new ListLogger<CertificateExpiryJob>();
        await new CertificateExpiryJob(profiles, Settings(), warnings, time, log).Execute(null!, CancellationToken.None);
        Assert.That(warnings.Current, Is.Empty);

        File.Delete(Path.Combine(_directory, "certs", "acme.cer"));
        for (int run = 0; run < 2; run++)
        {
            await new CertificateExpiryJob(profiles, Settings(), warnings, time, log).Execute(null!, CancellationToken.None);
        }

        Assert.That(log.Entries.Select(e => (e.Level, e.Message)), Is.EqualTo(new[]
        {
            (LogLevel.Warning, $"Certificate of partner acme (as2 partner (verify, encrypt)) in certs/acme.cer cannot be checked: file {Path.Combine(_directory, "certs", "acme.cer")} does not exist"),
        }));
        Assert.That(warnings.Current.Select(e => e.Problem is not null), Is.EqualTo(new[] { true }));
    }

    [Test]
    public void CertsList_AllValid_PrintsTheTableSortedByExpiry_AndExits0()
    {
        var now = TimeProvider.System.GetUtcNow();
        WriteCer("acme.cer", "as2.acme.example", now.AddYears(-1), now.AddDays(20.5));
        WriteCer("acme-next.cer", "as2-next.acme.example", now.AddDays(10), now.AddYears(3));
        WritePfx("ours.pfx", "distributor.example", now.AddYears(-1), now.AddDays(400.5));
        WriteProfile("acme", As2("ACME", "certs/acme.cer", extra: "    nextPartnerCertificate: certs/acme-next.cer\n"));

        var (code, output, _) = Run("list");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(code, Is.EqualTo(GatewayCommandLine.Ok), output);
        Assert.That(lines, Has.Length.EqualTo(5), output);
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Does.Match(@"^PARTNER\s+USE\s+SUBJECT\s+EXPIRES\s+DAYS\s+STATUS$"));
            Assert.That(lines[1], Does.Match($@"^acme\s+as2 partner \(verify, encrypt\)\s+as2\.acme\.example\s+{now.AddDays(20.5):yyyy-MM-dd}\s+20\s+expires soon$"));
            Assert.That(lines[2], Does.Match($@"^acme\s+as2 ours \(sign, decrypt\)\s+distributor\.example\s+{now.AddDays(400.5):yyyy-MM-dd}\s+400\s+ok$"));
            Assert.That(lines[3], Does.Match(@"^acme\s+as2 partner next\s+as2-next\.acme\.example\s+\S+\s+\d+\s+not yet valid$"));
            Assert.That(lines[4], Does.Contain("3 certificate use(s)").And.Contain("0 expired, 1 expiring within 60 days, 0 with problems"));
        });
    }

    [Test]
    public void CertsList_ExpiredOrProblem_ListsThemFirstAndExits1_JsonGivesEntries()
    {
        var now = TimeProvider.System.GetUtcNow();
        WriteCer("acme.cer", "as2.acme.example", now.AddYears(-2), now.AddDays(-3.5));
        WritePfx("ours.pfx", "distributor.example", now.AddYears(-1), now.AddDays(300.5));
        WriteProfile("acme", As2("ACME", "certs/acme.cer"));
        WriteProfile("globex", As2("GLOBEX", "certs/missing.cer"));

        var (code, output, _) = Run("list");
        var (jsonCode, json, _) = Run("list", "--json");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(code, Is.EqualTo(GatewayCommandLine.Invalid), output);
        Assert.That(lines, Has.Length.EqualTo(6), output);
        Assert.Multiple(() =>
        {
            Assert.That(lines[1], Does.Match($@"^globex\s+as2 partner \(verify, encrypt\)\s+-\s+-\s+-\s+problem: file {System.Text.RegularExpressions.Regex.Escape(Path.Combine(_directory, "certs", "missing.cer"))} does not exist$"));
            Assert.That(lines[2], Does.Match($@"^acme\s+as2 partner \(verify, encrypt\)\s+as2\.acme\.example\s+{now.AddDays(-3.5):yyyy-MM-dd}\s+-4\s+EXPIRED$"));
            Assert.That(lines[3], Does.Match(@"^(acme|globex)\s+as2 ours \(sign, decrypt\)\s+distributor\.example\s+\S+\s+300\s+ok$"));
            Assert.That(lines[5], Does.Contain("4 certificate use(s)").And.Contain("1 expired, 0 expiring within 60 days, 1 with problems"));
            Assert.That(jsonCode, Is.EqualTo(GatewayCommandLine.Invalid));
        });
        using var document = JsonDocument.Parse(json);
        var rows = document.RootElement.EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(r => r.GetProperty("status").GetString()), Is.EqualTo(new[] { "problem", "EXPIRED", "ok", "ok" }));
            Assert.That(rows[1].GetProperty("partnerId").GetString(), Is.EqualTo("acme"));
            Assert.That(rows[1].GetProperty("daysLeft").GetInt32(), Is.EqualTo(-4));
            Assert.That(rows[1].GetProperty("notAfter").GetDateTimeOffset(), Is.EqualTo(TruncateToSeconds(now.AddDays(-3.5))));
            Assert.That(rows[1].GetProperty("thumbprint").GetString(), Has.Length.EqualTo(40));
            Assert.That(rows[0].GetProperty("problem").GetString(), Does.EndWith("does not exist"));
        });
    }

    [TestCase("bogus")]
    [TestCase("list", "--verbose")]
    [TestCase("list", "a", "b")]
    public void CertsList_BadArguments_Exits64WithUsage(params string[] args)
    {
        var (code, _, error) = Run(args);
        Assert.That(code, Is.EqualTo(GatewayCommandLine.Usage));
        Assert.That(error, Does.Contain("gateway certs list [DIR] [--json]").And.Contain("Exit 0 when none is expired or has a problem, 1 otherwise"));
    }

    private (int Code, string Output, string Error) Run(params string[] args)
    {
        Environment.SetEnvironmentVariable("Gateway__PartnerProfiles", _directory);
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = GatewayCommandLine.Run(["certs", .. args], output, error);
        return (code, output.ToString(), error.ToString());
    }

    private GatewaySettings Settings() => new() { PartnerProfiles = _directory };

    private ProfileReloader LiveProfiles(TimeProvider time)
    {
        var reloader = new ProfileReloader(new ProfileCheckOptions { ProfilesDirectory = _directory, TimeProvider = time }, NullLogger<ProfileReloader>.Instance);
        var report = reloader.Reload();
        Assert.That(report.Off, Is.Empty, () => string.Join("\n", report.Off.SelectMany(f => f.Problems)));
        return reloader;
    }

    private List<Gateway.Partners.Profiles.PartnerProfile> LoadUsable()
    {
        var set = ProfileLoader.LoadDirectory(new ProfileCheckOptions { ProfilesDirectory = _directory, TimeProvider = new FakeTimeProvider(T0) });
        Assert.That(set.HasErrors, Is.False, () => string.Join("\n", set.Files.SelectMany(f => f.Problems)));
        return set.Usable.ToList();
    }

    private void WriteProfile(string id, string transports) =>
        File.WriteAllText(Path.Combine(_directory, id + ".yaml"), ProfileTexts.X12Partner(id, id.ToUpperInvariant()).Replace("transports:\n", "transports:\n" + transports, StringComparison.Ordinal));

    private static string As2(string as2Id, string partnerCertificate, string extra = "") => $"""
          as2:
            partnerAs2Id: {as2Id}
            ourAs2Id: DISTRIBUTOR
            url: https://as2.{as2Id.ToLowerInvariant()}.example/receive
            partnerCertificate: {partnerCertificate}
            ourCertificate:
              file: certs/ours.pfx
              password: env:{PasswordVariable}

        """ + extra;

    private static string Email(string partnerCertificate, string ourCertificate, string password = $"env:{PasswordVariable}") => $"""
          email:
            allowedSenders: [edi@acme.example]
            partnerCertificate: {partnerCertificate}
            ourCertificate:
              file: {ourCertificate}
              password: {password}

        """;

    private (string Thumbprint, DateTimeOffset NotBefore, DateTimeOffset NotAfter) WriteCer(string name, string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var certificate = Create(subject, notBefore, notAfter);
        File.WriteAllBytes(Path.Combine(_directory, "certs", name), certificate.Export(X509ContentType.Cert));
        return (certificate.Thumbprint, TruncateToSeconds(notBefore), TruncateToSeconds(notAfter));
    }

    private (string Thumbprint, DateTimeOffset NotBefore, DateTimeOffset NotAfter) WritePfx(string name, string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var certificate = Create(subject, notBefore, notAfter);
        File.WriteAllBytes(Path.Combine(_directory, "certs", name), certificate.Export(X509ContentType.Pkcs12, Password));
        return (certificate.Thumbprint, TruncateToSeconds(notBefore), TruncateToSeconds(notAfter));
    }

    private static X509Certificate2 Create(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256).CreateSelfSigned(notBefore, notAfter);
    }

    // X.509 validity is kept to the second.
    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) => new(value.Ticks - value.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    /// <summary>Keeps what was logged, as the operator would read it.</summary>
    private sealed class ListLogger<T> : ILogger<T>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
