using System.Diagnostics;
using Gateway.Host.Configuration;
using Gateway.Tests.Support;

namespace Gateway.Tests.Host.Service;

/// <summary>
/// The README's run command, <c>dotnet run --project Gateway.Host -- run</c> at the repository root, finds the shipped
/// settings, sample partners and maps; a gateway started elsewhere says why it has no partners.
/// </summary>
public sealed class RunCommandTests
{
    // The web SDK starts `dotnet run` in the project's folder unless told otherwise: the gateway then read
    // Gateway.Host/ for its settings and ran with no partner at all.
    [Test]
    public async Task DotnetRun_StartsTheGatewayInTheFolderItIsTypedIn()
    {
        string project = Path.Combine(Corpus.RepositoryRoot(), "Gateway.Host", "Gateway.Host.csproj");
        string typedIn = Directory.CreateTempSubdirectory("gateway-run-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = typedIn, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string argument in new[] { "msbuild", project, "-getProperty:RunWorkingDirectory" })
            {
                start.ArgumentList.Add(argument);
            }
            using var msbuild = Process.Start(start)!;
            string output = await msbuild.StandardOutput.ReadToEndAsync();
            string errors = await msbuild.StandardError.ReadToEndAsync();
            await msbuild.WaitForExitAsync();

            Assert.That(msbuild.ExitCode, Is.Zero, output + errors);
            Assert.That(Path.TrimEndingDirectorySeparator(output.Trim()), Is.EqualTo(typedIn));
        }
        finally
        {
            Directory.Delete(typedIn, recursive: true);
        }
    }

    [Test]
    public void AtTheRepositoryRoot_TheShippedSettingsNameTheSamplePartnersAndMaps()
    {
        var settings = GatewaySettings.Load(Corpus.RepositoryRoot());

        Assert.That(Path.Combine(settings.PartnerProfiles, "acme-retail.yaml"), Does.Exist);
        Assert.That(Path.Combine(settings.Maps, "x12-850-sales-order.yaml"), Does.Exist);
        Assert.That(settings.Sandbox.Enabled, Is.True, "the default run shows the calls with no ERP");
    }

    [Test]
    public async Task AGatewayWithoutItsProfilesFolder_SaysWhereItLookedAndWhy()
    {
        await using var gateway = new TestGateway();
        string missing = Path.Combine(gateway.Root, "elsewhere", "partner-profiles");
        gateway.ExtraArguments.Add($"--Gateway:PartnerProfiles={missing}");
        await gateway.StartAsync();

        await TestGateway.WaitUntil(() => gateway.JsonLogLines().Any(l => l.Contains("No partner profiles folder at", StringComparison.Ordinal)), "the warning in the JSON log", seconds: 10);
        string warning = gateway.JsonLogLines().First(l => l.Contains("No partner profiles folder at", StringComparison.Ordinal));
        Assert.That(warning, Does.Contain("\"@l\":\"Warning\"").And.Contain(missing.Replace("\\", "\\\\", StringComparison.Ordinal)).And.Contain("Gateway:PartnerProfiles"));
    }
}
