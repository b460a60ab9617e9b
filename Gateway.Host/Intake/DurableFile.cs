using Gateway.Host.Tracking;

namespace Gateway.Host.Intake;

/// <summary>Files that are on disk when written: temporary name, fsync, rename; the folder is flushed by the caller, once per batch.</summary>
internal static class DurableFile
{
    public static void Write(string path, ReadOnlySpan<byte> content) => Write(path, [], content);

    public static void Write(string path, ReadOnlySpan<byte> header, ReadOnlySpan<byte> content)
    {
        string temporary = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".tmp");
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1))
        {
            stream.Write(header);
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    public static void FlushDirectory(string directory) => DurableJournal.FlushDirectory(directory);
}
