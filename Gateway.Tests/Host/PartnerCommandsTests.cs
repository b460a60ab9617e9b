using System.Text.Json;
using Gateway.Host.Cli;
using Gateway.Partners.Loading;
using Gateway.Tests.Support;

namespace Gateway.Tests.Host;

/// <summary><c>gateway partners list|validate|show|new|schema</c>: output an onboarding person can act on, and exit codes a config repository's CI can use.</summary>
public class PartnerCommandsTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("gateway-partners-cli-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Validate_AllGood_Exits0AndSaysSo()
    {
        Write("acme", ProfileTexts.X12Partner("acme", "ACME"));
        var (code, output, _) = Run("validate", _directory);
        Assert.That(code, Is.EqualTo(GatewayCommandLine.Ok));
        Assert.That(output, Does.Contain("acme.yaml: ok").And.Contain("1 ready, 0 with errors"));
    }

    [Test]
    public void Validate_OneBroken_Exits1AndNamesFileLineFieldAndFix()
    {
        Write("acme", ProfileTexts.X12Partner("acme", "ACME"));
        Write("globex", ProfileTexts.X12Partner("globex", "GLOBEX").Replace("version: \"004010\"", "version: \"4010\"", StringComparison.Ordinal));
        var (code, output, _) = Run("validate", _directory);
        Assert.That(code, Is.EqualTo(GatewayCommandLine.Invalid));
        Assert.That(output, Does.Contain($"{Path.Combine(_directory, "globex.yaml")} line 11, agreements[0].version: '4010' is not valid: write an X12 version such as 004010"));
    }

    [Test]
    public void List_Json_GivesEachPartnerWithStatus()
    {
        Write("acme", ProfileTexts.X12Partner("acme", "ACME"));
        Write("broken", "id: broken\n");
        var (code, output, _) = Run("list", _directory, "--json");
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("errors").GetInt32());
        Assert.That(code, Is.EqualTo(GatewayCommandLine.Ok));
        Assert.That(rows["acme"], Is.Zero);
        Assert.That(rows["broken"], Is.GreaterThan(0));
    }

    [Test]
    public void Show_Json_WritesSecretReferencesNeverTheirValues()
    {
        const string Secret = "s3cr3t-value-never-printed";
        Environment.SetEnvironmentVariable("GATEWAY_TEST_SFTP_PASSWORD", Secret);
        try
        {
            string sftp = """
                  sftp:
                    host: sftp.partner.example
                    user: distributor
                    hostKeyFingerprint: SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8
                    password: env:GATEWAY_TEST_SFTP_PASSWORD
                    inboundFolder: /out

                """;
            Write("acme", ProfileTexts.X12Partner("acme", "ACME").Replace("transports:\n", "transports:\n" + sftp, StringComparison.Ordinal));
            var (code, output, _) = Run("show", "acme", _directory, "--json");
            var (_, text, _) = Run("show", "acme", _directory);
            Assert.That(code, Is.EqualTo(GatewayCommandLine.Ok), output);
            Assert.That(output, Does.Contain("\"password\": \"env:GATEWAY_TEST_SFTP_PASSWORD\"").And.Not.Contain(Secret));
            Assert.That(text, Does.Contain("password env:GATEWAY_TEST_SFTP_PASSWORD").And.Not.Contain(Secret));
        }
        finally
        {
            Environment.SetEnvironmentVariable("GATEWAY_TEST_SFTP_PASSWORD", null);
        }
    }

    [Test]
    public void Show_UnknownPartner_Exits1AndPointsToList()
    {
        var (code, _, error) = Run("show", "nobody", _directory);
        Assert.That(code, Is.EqualTo(GatewayCommandLine.Invalid));
        Assert.That(error, Does.Contain("gateway partners list"));
    }

    [TestCaseSource(typeof(ProfileTemplates), nameof(ProfileTemplates.Names))]
    public void New_EachTemplate_WritesAProfileWhoseOnlyErrorsAreFilesToSupply(string template)
    {
        var (code, output, error) = Run("new", "new-partner", "--template", template, "--name", "New \"Quoted\" Partner\\Co", _directory);
        Assert.That(code, Is.EqualTo(GatewayCommandLine.Ok), error);
        Assert.That(output, Does.Contain("new-partner.yaml"));
        var loaded = ProfileLoader.LoadDirectory(new ProfileCheckOptions { ProfilesDirectory = _directory }).Files.Single();
        Assert.That(loaded.Profile?.Name, Is.EqualTo("New \"Quoted\" Partner\\Co"));
        var errors = loaded.Problems.Where(p => p.Severity == ProfileSeverity.Error).Select(p => p.ToString());
        Assert.That(errors, Has.All.Contain("does not exist"));
    }

    [Test]
    public void New_ExistingFile_RefusesToOverwrite()
    {
        Write("acme", "keep me");
        var (code, _, error) = Run("new", "acme", "--template", "retailer-as2", _directory);
        Assert.That(code, Is.EqualTo(GatewayCommandLine.Invalid));
        Assert.That(error, Does.Contain("already exists"));
        Assert.That(File.ReadAllText(Path.Combine(_directory, "acme.yaml")), Is.EqualTo("keep me"));
    }

    [TestCase("new", "acme", "--template", "nope")]
    [TestCase("new", "Bad_Id", "--template", "retailer-as2")]
    [TestCase("new", "acme")]
    [TestCase("list", "--verbose")]
    [TestCase("frobnicate")]
    public void Run_BadArguments_Exits64WithUsage(params string[] args)
    {
        var (code, _, error) = Run(args);
        Assert.That(code, Is.EqualTo(GatewayCommandLine.Usage));
        Assert.That(error, Is.Not.Empty);
    }

    [Test]
    public void Schema_PrintsTheGeneratedJsonSchema()
    {
        var (code, output, _) = Run("schema");
        Assert.That(code, Is.EqualTo(GatewayCommandLine.Ok));
        Assert.That(output, Is.EqualTo(ProfileJsonSchema.Generate()));
    }

    private void Write(string id, string text) => File.WriteAllText(Path.Combine(_directory, id + ".yaml"), text);

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = GatewayCommandLine.Run(["partners", .. args], output, error);
        return (code, output.ToString(), error.ToString());
    }
}
