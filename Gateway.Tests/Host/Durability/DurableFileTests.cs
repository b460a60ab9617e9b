using System.Text;
using Gateway.Host.Durability;

namespace Gateway.Tests.Host.Durability;

/// <summary>Files written together are complete and under their final names when the write returns.</summary>
public class DurableFileTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("gateway-durable-file-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void WriteAll_WritesHeaderThenContentUnderTheFinalNames_ReplacingEarlierFiles_WithNoTemporaryLeft()
    {
        string first = Directory.CreateDirectory(Path.Combine(_directory, "a")).FullName;
        string second = Directory.CreateDirectory(Path.Combine(_directory, "b")).FullName;
        File.WriteAllText(Path.Combine(first, "0.edi"), "an older, longer file that must be replaced whole");
        var files = Enumerable.Range(0, 40)
            .Select(i => (Path.Combine(i % 2 == 0 ? first : second, $"{i}.edi"), Encoding.UTF8.GetBytes($"header {i}\n"), Encoding.UTF8.GetBytes($"ISA*{i}~")))
            .ToList();

        DurableFile.WriteAll(files);

        foreach (var (path, _, _) in files)
        {
            string number = Path.GetFileNameWithoutExtension(path);
            Assert.That(File.ReadAllText(path), Is.EqualTo($"header {number}\nISA*{number}~"), path);
        }
        Assert.That(Directory.EnumerateFiles(_directory, "*", SearchOption.AllDirectories).Select(Path.GetFileName), Has.None.StartsWith("."));
    }
}
