using System.Runtime.InteropServices;

namespace Gateway.Host.Durability;

/// <summary>
/// Files that are on disk when written: temporary name (a '.' name readers skip), fsync, rename. The rename is durable
/// once its folder is flushed, which callers do once per batch.
/// </summary>
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

    /// <summary>Flushes each distinct folder once.</summary>
    public static void FlushDirectories(IEnumerable<string> directories)
    {
        foreach (string directory in directories.Distinct(StringComparer.Ordinal))
        {
            FlushDirectory(directory);
        }
    }

    // A rename is durable only once its directory entry is. .NET cannot open a directory, so ask libc;
    // Windows makes MoveFileEx durable by itself.
    public static void FlushDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        int descriptor = NativeMethods.Open(directory, 0);
        if (descriptor < 0)
        {
            throw new IOException($"Cannot open {directory} to make a rename durable (errno {Marshal.GetLastPInvokeError()}).");
        }
        try
        {
            if (NativeMethods.Fsync(descriptor) != 0)
            {
                throw new IOException($"Cannot flush {directory} to disk (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = NativeMethods.Close(descriptor);
        }
    }

}
