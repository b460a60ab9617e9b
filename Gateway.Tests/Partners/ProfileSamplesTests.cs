using Gateway.Partners.Loading;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Partners;

/// <summary>The profiles shipped in partner-profiles/ load cleanly, the published schema is current, and certificate dates are checked against the clock.</summary>
public class ProfileSamplesTests
{
    // An AS2 partner whose certificate dates each test chooses; partnerCertificate is on line 21.
    private const string As2Profile = """
        id: dated
        name: Dated Partner
        identities:
          x12:
            - qualifier: ZZ
              id: DATED
        ourIdentity:
          x12:
            qualifier: ZZ
            id: DISTRIBUTOR
        agreements:
          - standard: x12
            version: "004010"
            document: "850"
            direction: inbound
        transports:
          as2:
            partnerAs2Id: DATED
            ourAs2Id: DISTRIBUTOR
            url: https://as2.dated.example/receive
            partnerCertificate: certs/dated.cer
            ourCertificate:
              file: certs/ours.pfx

        """;

    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("gateway-samples-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void LoadDirectory_RepositorySamples_HaveNoErrors()
    {
        string root = RepositoryRoot();
        var options = new ProfileCheckOptions
        {
            ProfilesDirectory = Path.Combine(root, "partner-profiles"),
            MapsDirectory = Path.Combine(root, "maps"),
        };

        var set = ProfileLoader.LoadDirectory(options);

        var errors = set.Files.SelectMany(f => f.Problems).Where(p => p.Severity == ProfileSeverity.Error).Select(p => p.ToString()).ToList();
        Assert.That(set.Files, Is.Not.Empty);
        Assert.That(errors, Is.Empty, string.Join("\n", errors));
        Assert.That(set.Usable.Count(), Is.EqualTo(set.Files.Count));
    }

    [Test]
    public void Generate_PublishedSchema_IsCurrent()
    {
        string published = File.ReadAllText(Path.Combine(RepositoryRoot(), "partner-profiles", ProfileJsonSchema.FileName)).ReplaceLineEndings("\n");

        Assert.That(published, Is.EqualTo(ProfileJsonSchema.Generate()),
            "partner-profiles/partner-profile.schema.json is out of date; regenerate with `gateway partners schema > partner-profiles/partner-profile.schema.json`");
    }

    [Test]
    public void LoadText_CertificateExpiringWithin30Days_WarnsButStaysUsable()
    {
        var loaded = LoadWithPartnerCertificate(TestCertificates.Now.AddYears(-1), TestCertificates.Now.AddDays(10));

        Assert.That(loaded.Problems, Has.Exactly(1).Matches<ProfileError>(e =>
            e.Severity == ProfileSeverity.Warning && e.Line == 21 && e.Path == "transports.as2.partnerCertificate"
            && e.Message.Contains("expires on 2031-05-11, in 10 days", StringComparison.Ordinal)), Describe(loaded));
        Assert.That(loaded.Problems.Where(e => e.Severity == ProfileSeverity.Error), Is.Empty, Describe(loaded));
        Assert.That(loaded.IsUsable, Is.True);
    }

    [Test]
    public void LoadText_CertificateExpiringLater_HasNoProblems()
    {
        var loaded = LoadWithPartnerCertificate(TestCertificates.Now.AddYears(-1), TestCertificates.Now.AddDays(31));

        Assert.That(loaded.Problems, Is.Empty, Describe(loaded));
        Assert.That(loaded.IsUsable, Is.True);
    }

    [Test]
    public void LoadText_ExpiredCertificate_IsAnError()
    {
        var loaded = LoadWithPartnerCertificate(TestCertificates.Now.AddYears(-1), TestCertificates.Now.AddDays(-1));

        Assert.That(loaded.Problems, Has.Some.Matches<ProfileError>(e =>
            e.Severity == ProfileSeverity.Error && e.Line == 21 && e.Path == "transports.as2.partnerCertificate"
            && e.Message.Contains("expired on 2031-04-30", StringComparison.Ordinal)), Describe(loaded));
        Assert.That(loaded.IsUsable, Is.False);
    }

    [Test]
    public void LoadText_CertificateNotYetValid_IsAnError()
    {
        var loaded = LoadWithPartnerCertificate(TestCertificates.Now.AddDays(2), TestCertificates.Now.AddYears(1));

        Assert.That(loaded.Problems, Has.Some.Matches<ProfileError>(e =>
            e.Severity == ProfileSeverity.Error && e.Line == 21 && e.Path == "transports.as2.partnerCertificate"
            && e.Message.Contains("is not valid before 2031-05-03", StringComparison.Ordinal)), Describe(loaded));
        Assert.That(loaded.IsUsable, Is.False);
    }

    private LoadedProfile LoadWithPartnerCertificate(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        TestCertificates.WriteAs2Pair(_directory);
        File.WriteAllBytes(Path.Combine(_directory, "certs", "dated.cer"), TestCertificates.Der("dated.example", notBefore, notAfter));
        var options = new ProfileCheckOptions { ProfilesDirectory = _directory, TimeProvider = new FakeTimeProvider(TestCertificates.Now) };
        return ProfileLoader.LoadText(Path.Combine(_directory, "dated.yaml"), As2Profile, options);
    }

    private static string RepositoryRoot() => Gateway.Tests.Support.Corpus.RepositoryRoot();

    private static string Describe(LoadedProfile loaded) =>
        loaded.Problems.Count == 0 ? "(no problems)" : string.Join("\n", loaded.Problems.Select(p => p.ToString()));
}
