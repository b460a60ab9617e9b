using System.Diagnostics;
using Gateway.Tests.Support;

namespace Gateway.Tests.Host.As2;

/// <summary>The README's AS2 demo works: samples/as2/post-850.sh, as ACME with the shipped demo keys, gets a processed MDN whose MIC is openssl's.</summary>
[Category("Integration")]
[NonParallelizable]
public sealed class As2SampleTests
{
    [Test]
    public async Task The_sample_script_posts_ACMEs_850_and_prints_a_processed_MDN_with_openssls_MIC()
    {
        await using var gateway = new TestGateway();
        string repository = Corpus.RepositoryRoot();
        File.Copy(Path.Combine(repository, "partner-profiles", "acme-retail.yaml"), Path.Combine(gateway.ProfilesDirectory, "acme-retail.yaml"));
        Directory.CreateDirectory(Path.Combine(gateway.ProfilesDirectory, "certs"));
        foreach (string certificate in new[] { "acme-retail.cer", "distributor-demo.pfx" })
        {
            File.Copy(Path.Combine(repository, "partner-profiles", "certs", certificate), Path.Combine(gateway.ProfilesDirectory, "certs", certificate));
        }
        gateway.UseShippedMaps();
        int port = LoopbackBackend.FreePort();
        gateway.ExtraArguments.Add($"--Gateway:Listeners:Partner=http://127.0.0.1:{port}");
        await gateway.StartAsync();

        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(repository, "samples", "as2", "post-850.sh"));
        start.ArgumentList.Add($"http://127.0.0.1:{port}/as2");
        using var script = Process.Start(start)!;
        string output = await script.StandardOutput.ReadToEndAsync();
        string errors = await script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync();

        Assert.That(script.ExitCode, Is.Zero, errors);
        Assert.That(output, Does.Contain("Disposition: automatic-action/MDN-sent-automatically; processed"));
        string[] mics = output.Split('\n').Where(l => l.Contains("MIC", StringComparison.Ordinal)).Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).ToArray();
        Assert.That(mics, Has.Length.EqualTo(2));
        Assert.That(mics[0], Is.EqualTo(mics[1]), "the MDN's MIC is the one openssl computes");
        await TestGateway.WaitUntil(() => gateway.Erp.Calls.Any(c => c.Body.Contains("PO-778812", StringComparison.Ordinal)), "the sales order at the ERP");
    }
}
