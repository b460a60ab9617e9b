using Gateway.Host.Transports.Folder;

namespace Gateway.Tests.Host.Folder;

/// <summary>The inbox hears files renamed into it (complete by then), and only those: a file written in place still waits for two looks.</summary>
[Platform("Linux")]
public class MovedInWatcherTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("gateway-moved-in-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task RenamesIntoAWatchedFolder_AreHeard_WritesInPlaceAndOtherFolders_AreNot()
    {
        string inbox = Directory.CreateDirectory(Path.Combine(_directory, "inbox")).FullName;
        string elsewhere = Directory.CreateDirectory(Path.Combine(_directory, "elsewhere")).FullName;
        using var watcher = MovedInWatcher.Start();
        Assert.That(watcher.Hears, Is.True, "an inotify instance (fs.inotify.max_user_instances)");
        watcher.Watch(inbox);

        File.WriteAllText(Path.Combine(inbox, "written-in-place.edi"), "ISA*");
        File.WriteAllText(Path.Combine(elsewhere, "staged.edi"), "ISA*");
        File.Move(Path.Combine(elsewhere, "staged.edi"), Path.Combine(inbox, "moved-in.edi"));
        File.WriteAllText(Path.Combine(inbox, "renamed-here.tmp"), "ISA*");
        File.Move(Path.Combine(inbox, "renamed-here.tmp"), Path.Combine(inbox, "renamed-here.edi"));
        File.WriteAllText(Path.Combine(inbox, "other.tmp"), "ISA*");
        File.Move(Path.Combine(inbox, "other.tmp"), Path.Combine(elsewhere, "moved-out.edi"));

        var heard = new List<(string Folder, string Name)>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (heard.Count < 2 && await watcher.WaitAsync(timeout.Token))
        {
            while (watcher.TryTake(out var file))
            {
                heard.Add(file);
            }
        }
        await Task.Delay(200);   // anything wrongly heard arrives with the rest
        while (watcher.TryTake(out var file))
        {
            heard.Add(file);
        }
        Assert.That(heard, Is.EqualTo(new[] { (inbox, "moved-in.edi"), (inbox, "renamed-here.edi") }));
    }

    [Test]
    public async Task AFolderDeletedAndMadeAgain_IsHeardOnceWatchedAgain()
    {
        string inbox = Path.Combine(_directory, "inbox");
        Directory.CreateDirectory(inbox);
        using var watcher = MovedInWatcher.Start();
        watcher.Watch(inbox);
        Directory.Delete(inbox);
        Directory.CreateDirectory(inbox);
        watcher.Watch(inbox);   // what the inbox's next poll does

        File.WriteAllText(Path.Combine(_directory, "po.tmp"), "ISA*");
        File.Move(Path.Combine(_directory, "po.tmp"), Path.Combine(inbox, "po.edi"));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.That(await watcher.WaitAsync(timeout.Token), Is.True);
        Assert.That(watcher.TryTake(out var file), Is.True);
        Assert.That(file, Is.EqualTo((inbox, "po.edi")));
    }
}
