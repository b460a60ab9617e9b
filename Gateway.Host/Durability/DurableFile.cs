using System.Runtime.InteropServices;

namespace Gateway.Host.Durability;

/// <summary>
/// Files that are on disk when written: temporary name (a '.' name readers skip), fsync, rename. The rename is durable
/// once its folder is flushed, which callers do once per batch. <see cref="WriteAll"/> does all of it for a batch.
/// </summary>
internal static class DurableFile
{
    public static void Write(string path, ReadOnlySpan<byte> content) => Write(path, [], content);

    public static void Write(string path, ReadOnlySpan<byte> header, ReadOnlySpan<byte> content) => Write(path, header, content, flushToDisk: true);

    /// <summary>
    /// Writes files that are all on disk, with their names and folders, when it returns. On Linux each is written and
    /// renamed unflushed, then one <c>syncfs</c> per folder commits them together: one journal commit for the batch
    /// instead of one per file, twice the files per second of eight fsyncs in parallel on an idle ext4, and far more
    /// behind a busy thread pool, which ran those fsyncs nearly one by one. Elsewhere each file is flushed as
    /// <see cref="Write(string, ReadOnlySpan{byte})"/> does, several at a time, then each folder once.
    /// </summary>
    public static void WriteAll(IReadOnlyList<(string Path, byte[] Header, byte[] Content)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var folders = files.Select(f => Path.GetDirectoryName(f.Path)!);
        if (OperatingSystem.IsLinux())
        {
            foreach (var (path, header, content) in files)
            {
                Write(path, header, content, flushToDisk: false);
            }
            SyncFileSystems(folders);
        }
        else
        {
            // Several fsyncs in flight let the file system commit them together.
            Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => Write(files[i].Path, files[i].Header, files[i].Content));
            FlushDirectories(folders);
        }
    }

    private static void Write(string path, ReadOnlySpan<byte> header, ReadOnlySpan<byte> content, bool flushToDisk)
    {
        string temporary = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".tmp");
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1))
        {
            stream.Write(header);
            stream.Write(content);
            stream.Flush(flushToDisk);
        }
        File.Move(temporary, path, overwrite: true);
    }

    // syncfs returns once everything written to the folder's file system (data, inodes, folders) is on disk, and
    // reports a write-back error of any of it (Linux 5.8 on). Folders on one file system cost one real flush.
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static void SyncFileSystems(IEnumerable<string> directories)
    {
        foreach (string directory in directories.Distinct(StringComparer.Ordinal))
        {
            Flush(directory, NativeMethods.SyncFileSystem, "the file system of");
        }
    }

    /// <summary>Flushes each distinct folder once.</summary>
    public static void FlushDirectories(IEnumerable<string> directories)
    {
        foreach (string directory in directories.Distinct(StringComparer.Ordinal))
        {
            FlushDirectory(directory);
        }
    }

    // A rename is durable only once its directory entry is; Windows makes MoveFileEx durable by itself.
    public static void FlushDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        Flush(directory, NativeMethods.Fsync, "folder");
    }

    // Opens the folder with libc (.NET cannot open a directory) and hands its descriptor to fsync or syncfs.
    private static void Flush(string directory, Func<int, int> flush, string what)
    {
        int descriptor = NativeMethods.Open(directory, 0);
        if (descriptor < 0)
        {
            throw new IOException($"Cannot open folder {directory} to flush it to disk (errno {Marshal.GetLastPInvokeError()}).");
        }
        try
        {
            if (flush(descriptor) != 0)
            {
                throw new IOException($"Cannot flush {what} {directory} to disk (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = NativeMethods.Close(descriptor);
        }
    }
}
