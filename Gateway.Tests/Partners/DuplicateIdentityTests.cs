using Gateway.Partners.Loading;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Partners;

/// <summary>Two profiles in one folder claiming what identifies a partner: the later file (by name) is off and says who has it.</summary>
public class DuplicateIdentityTests
{
    private string _directory = "";
    private ProfileCheckOptions _options = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Directory.CreateTempSubdirectory("gateway-duplicates-").FullName;
        TestCertificates.WriteAs2Pair(_directory);
        _options = new ProfileCheckOptions { ProfilesDirectory = _directory, TimeProvider = new FakeTimeProvider(TestCertificates.Now) };
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [TestCaseSource(nameof(Clashes))]
    public void LoadDirectory_TwoPartnersClaimOneIdentity_LaterFileIsOffAndNamesTheFirst(string alpha, string beta, int line, string path, string what)
    {
        // beta is written first: which partner keeps the identity depends on file names, not on which file is newer.
        File.WriteAllText(Path.Combine(_directory, "beta.yaml"), beta);
        File.WriteAllText(Path.Combine(_directory, "alpha.yaml"), alpha);

        var set = ProfileLoader.LoadDirectory(_options);

        Assert.That(set.Files.Select(f => Path.GetFileName(f.File)), Is.EqualTo(new[] { "alpha.yaml", "beta.yaml" }));
        var (first, second) = (set.Files[0], set.Files[1]);
        string expected = $"{what} is already used by partner 'alpha' ({Path.Combine(_directory, "alpha.yaml")} line {line})";
        Assert.That(first.Problems, Is.Empty, Describe(first));
        Assert.That(first.IsUsable, Is.True);
        Assert.That(second.Problems, Has.Some.Matches<ProfileError>(e =>
            e.Severity == ProfileSeverity.Error && e.Line == line && e.Path == path && e.Message.StartsWith(expected, StringComparison.Ordinal)),
            $"expected line {line}, {path}: {expected}…; got:\n{Describe(second)}");
        Assert.That(second.IsUsable, Is.False);
        Assert.That(set.Usable.Select(p => p.Id), Is.EqualTo(new[] { "alpha" }));
    }

    [Test]
    public void LoadDirectory_DifferentIdentities_BothUsable()
    {
        File.WriteAllText(Path.Combine(_directory, "alpha.yaml"), Profile("alpha", "ALPHA", Folder("alpha")));
        File.WriteAllText(Path.Combine(_directory, "beta.yaml"), Profile("beta", "BETA", Folder("beta")));

        var set = ProfileLoader.LoadDirectory(_options);

        Assert.That(set.HasErrors, Is.False, string.Join("\n", set.Files.Select(Describe)));
        Assert.That(set.Usable.Select(p => p.Id), Is.EqualTo(new[] { "alpha", "beta" }));
    }

    private static IEnumerable<TestCaseData> Clashes()
    {
        yield return new TestCaseData(Profile("alpha", "SHARED", Folder("alpha")), Profile("beta", "SHARED", Folder("beta")),
            5, "identities.x12[0]", "X12 identity ZZ:SHARED").SetArgDisplayNames("X12 identity");
        yield return new TestCaseData(Profile("alpha", "ALPHA", As2("SHAREDAS2")), Profile("beta", "BETA", As2("SHAREDAS2")),
            18, "transports.as2.partnerAs2Id", "AS2 id 'SHAREDAS2'").SetArgDisplayNames("AS2 id");
        // Addresses compare without regard to case, as mail systems do.
        yield return new TestCaseData(Profile("alpha", "ALPHA", Email("edi@shared.example")), Profile("beta", "BETA", Email("EDI@Shared.Example")),
            19, "transports.email.allowedSenders[0]", "sender address EDI@Shared.Example").SetArgDisplayNames("email sender");
    }

    // Lines: 5 the X12 identity, 16 transports, 17 the transport's section.
    private static string Profile(string id, string x12Id, string transports) => $"""
        id: {id}
        name: Partner {id}
        identities:
          x12:
            - qualifier: ZZ
              id: {x12Id}
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
        {transports}
        """;

    private static string Folder(string id) => $"  folder:\n    inbox: folders/{id}/inbox\n";

    // partnerAs2Id on line 18.
    private static string As2(string partnerAs2Id) => $"""
          as2:
            partnerAs2Id: {partnerAs2Id}
            ourAs2Id: DISTRIBUTOR
            url: https://as2.partner.example/receive
            partnerCertificate: certs/partner.cer
            ourCertificate:
              file: certs/ours.pfx

        """;

    // The first address on line 19.
    private static string Email(string sender) => $"  email:\n    allowedSenders:\n      - {sender}\n";

    private static string Describe(LoadedProfile loaded) =>
        loaded.Problems.Count == 0 ? $"{loaded.File}: (no problems)" : string.Join("\n", loaded.Problems.Select(p => p.ToString()));
}
