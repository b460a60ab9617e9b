using Gateway.Partners.Loading;
using Gateway.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Tests.Partners;

/// <summary>Live reload: a broken edit keeps the last good version, a broken new partner stays off, the others run.</summary>
public class ProfileReloaderTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("gateway-reload-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Reload_BrokenEdit_KeepsTheLastGoodVersionAndReportsIt()
    {
        Write("acme", ProfileTexts.X12Partner("acme", "ACME"));
        using var reloader = NewReloader();
        reloader.Start();
        Write("acme", ProfileTexts.X12Partner("acme", "ACME").Replace("direction: inbound", "direction: sideways", StringComparison.Ordinal));
        var report = reloader.Reload();
        Assert.Multiple(() =>
        {
            Assert.That(report.KeptLastGood.Select(f => f.Profile?.Id), Is.EqualTo(new[] { "acme" }));
            Assert.That(report.KeptLastGood[0].Problems[0].ToString(), Does.Contain("'sideways' is not one of inbound, outbound"));
            Assert.That(reloader.Current.Find("acme")?.Agreements[0].Direction, Is.EqualTo(Gateway.Partners.Profiles.DocumentDirection.Inbound));
        });
    }

    [Test]
    public void Start_OneInvalidProfile_DisablesOnlyThatPartner()
    {
        Write("acme", ProfileTexts.X12Partner("acme", "ACME"));
        Write("broken", "id: broken\nname: [oops\n");
        using var reloader = NewReloader();
        var report = reloader.Start();
        Assert.Multiple(() =>
        {
            Assert.That(reloader.Current.Partners.Select(p => p.Id), Is.EqualTo(new[] { "acme" }));
            Assert.That(report.Off.Select(f => Path.GetFileName(f.File)), Is.EqualTo(new[] { "broken.yaml" }));
        });
    }

    [Test]
    public void Reload_FixedProfile_GoesLiveAndDeletedProfileIsRemoved()
    {
        Write("acme", ProfileTexts.X12Partner("acme", "ACME"));
        Write("globex", "id: globex\n");
        using var reloader = NewReloader();
        reloader.Start();
        Write("globex", ProfileTexts.X12Partner("globex", "GLOBEX"));
        File.Delete(Path.Combine(_directory, "acme.yaml"));
        var report = reloader.Reload();
        Assert.Multiple(() =>
        {
            Assert.That(reloader.Current.Partners.Select(p => p.Id), Is.EqualTo(new[] { "globex" }));
            Assert.That(report.Removed, Is.EqualTo(new[] { "acme" }));
        });
    }

    [Test]
    public async Task Start_ThenAFileChanges_ReloadsWithoutBeingAsked()
    {
        Write("acme", ProfileTexts.X12Partner("acme", "ACME"));
        using var reloader = NewReloader();
        reloader.Start();
        var reloaded = new TaskCompletionSource<ProfileReloadReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        reloader.Reloaded += (_, report) => reloaded.TrySetResult(report);
        Write("globex", ProfileTexts.X12Partner("globex", "GLOBEX"));
        var finished = await Task.WhenAny(reloaded.Task, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.That(finished, Is.SameAs(reloaded.Task), "no reload within 20 s of the change");
        Assert.That(reloader.Current.Find("globex"), Is.Not.Null);
    }

    private ProfileReloader NewReloader() =>
        new(new ProfileCheckOptions { ProfilesDirectory = _directory }, NullLogger<ProfileReloader>.Instance);

    private void Write(string id, string text) => File.WriteAllText(Path.Combine(_directory, id + ".yaml"), text);
}
