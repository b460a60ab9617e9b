using System.Text;
using Gateway.Partners.Loading;
using Gateway.Tests.Partners;
using Gateway.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Gateway.Tests.Adversarial;

/// <summary>
/// Issue #11 item 2 for partner profiles: damaged YAML never throws out of the loader; each file ends usable, usable
/// with warnings, or refused with at least one error, and every problem names the file and a line inside it.
/// </summary>
[Category("Adversarial")]
[Parallelizable(ParallelScope.Children)]
public class MalformedProfileTests
{
    private const string FileName = "partner-profiles/fuzzed.yaml";

    private string _directory = "";
    private ProfileCheckOptions _options = null!;

    [OneTimeSetUp]
    public void CreateDirectory()
    {
        _directory = Directory.CreateTempSubdirectory("gateway-adversarial-profiles-").FullName;
        TestCertificates.WriteAs2Pair(_directory);
        _options = new ProfileCheckOptions { ProfilesDirectory = _directory, TimeProvider = new FakeTimeProvider(TestCertificates.Now) };
    }

    [OneTimeTearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Samples_Undamaged_AreUsable()
    {
        Assert.That(Samples().Select(s => Classify(Encoding.UTF8.GetBytes(s)).Outcome), Has.All.StartsWith("usable"));
    }

    [Test]
    [CancelAfter(600_000)]
    public void Profiles_Damaged_GivePositionedProblemsNeverExceptions()
    {
        var samples = Samples();
        var run = new MalformedInputRun("profiles", FuzzSettings.CountOf(0.10));
        run.Run(random => ProfileDamage.Generate(random, samples), c => Classify(c.Input));
        Assert.That(run.Failures, Is.Empty, () => MalformedInputRun.Describe(run.Failures));
        Assert.That(run.Outcomes.Values.Sum() + run.KnownCount, Is.EqualTo(run.Tried));
    }

    private FuzzResult Classify(byte[] input)
    {
        string text = Encoding.UTF8.GetString(input);
        var loaded = ProfileLoader.LoadText(FileName, text, _options);
        int lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Count(c => c is '\n' or '\r') + 2;
        foreach (var problem in loaded.Problems)
        {
            OracleException.Check(problem.File == FileName, $"a problem naming another file: {problem.File}");
            OracleException.Check(problem.Line >= 0 && problem.Line <= lines, $"a problem on a line outside the file: line {problem.Line} of {lines}");
            OracleException.Check(problem.Column >= 0, $"a problem at a negative column: {problem.Column}");
            OracleException.Check(!string.IsNullOrWhiteSpace(problem.Message), "a problem without a message");
        }
        bool errors = loaded.Problems.Any(p => p.Severity == ProfileSeverity.Error);
        OracleException.Check(loaded.IsUsable != errors || loaded.Profile is null, "usable with errors, or refused without one");
        OracleException.Check(loaded.IsUsable || errors, "refused without an error");
        return loaded.IsUsable ? loaded.Problems.Count == 0 ? "usable" : "usable-warnings" : loaded.Profile is null ? "unreadable" : "refused";
    }

    // The repository's own partner profiles are checked against their certificates elsewhere; here the texts matter.
    private static List<string> Samples() =>
    [
        ProfileTexts.X12Partner("fuzzed", "FUZZPARTNER"),
        ProfileTexts.EdifactPartner("fuzzed", "5412345000013"),
        ProfileTexts.X12Partner("fuzzed", "FUZZPARTNER", envelope: "envelope:\n  x12:\n    controlNumbers:\n      interchange: { from: 1, to: 5000 }\n"),
        """
        id: fuzzed
        name: Fuzzed over AS2
        identities:
          x12:
            - qualifier: ZZ
              id: FUZZ
        ourIdentity:
          x12: { qualifier: ZZ, id: DISTRIBUTOR }
        agreements:
          - { standard: x12, version: "004010", document: "850", direction: inbound }
        transports:
          as2:
            partnerAs2Id: FUZZAS2
            ourAs2Id: DISTRIBUTOR
            url: https://as2.fuzz.example/receive
            partnerCertificate: certs/partner.cer
            ourCertificate:
              file: certs/ours.pfx

        """,
    ];
}
