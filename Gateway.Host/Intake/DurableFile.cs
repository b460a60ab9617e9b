using Gateway.Host.Tracking;

namespace Gateway.Host.Intake;

/// <summary>Writes that are on disk when they return: temporary name, fsync, rename, fsync of the folder.</summary>
internal static class DurableFile
{
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        string temporary = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".tmp");
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    public static void FlushDirectory(string directory) => DurableJournal.FlushDirectory(directory);
}
