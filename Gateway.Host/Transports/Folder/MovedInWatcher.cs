using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;

namespace Gateway.Host.Transports.Folder;

/// <summary>
/// On Linux, hears files renamed into the inboxes (inotify's IN_MOVED_TO). A rename within a file system is atomic and
/// writers rename when they are done (write <c>po.tmp</c>, then rename it), so such a file is complete the moment it
/// appears: the inbox takes it at once instead of after two looks a poll apart. Files written in place, or moved from
/// another file system (which is a copy), are not reported, and the two looks still prove them complete. Elsewhere,
/// or when the system's inotify limits are reached, it hears nothing and the polls do all the work.
/// </summary>
internal sealed partial class MovedInWatcher : IDisposable
{
    private const uint MovedTo = 0x80;
    private const uint Ignored = 0x8000;   // the watch is gone: its folder was deleted
    private const uint OnlyDirectory = 0x01000000;
    private const int NonBlocking = 0x800;
    private const int CloseOnExec = 0x80000;
    private const short Readable = 1;
    private const int Interrupted = 4;   // EINTR
    private const int WouldBlock = 11;   // EAGAIN

    // How long the listener waits for events before it checks whether it was disposed.
    private const int WakeMilliseconds = 250;

    private readonly int _descriptor;
    private readonly ConcurrentDictionary<int, string> _folders = new();
    private readonly Channel<(string Folder, string Name)> _movedIn = Channel.CreateUnbounded<(string, string)>(new() { SingleReader = true, SingleWriter = true });
    private volatile bool _disposed;

    private MovedInWatcher(int descriptor)
    {
        _descriptor = descriptor;
        if (descriptor >= 0)
        {
            new Thread(Listen) { IsBackground = true, Name = "folder inbox watcher" }.Start();
        }
    }

    /// <summary>A watcher, or one that hears nothing where inotify is missing or its per-user instance limit is reached.</summary>
    public static MovedInWatcher Start() => new(OperatingSystem.IsLinux() ? InotifyInit(NonBlocking | CloseOnExec) : -1);

    /// <summary>False when it hears nothing (not Linux, or no inotify instance left): files then wait for their two looks.</summary>
    public bool Hears => _descriptor >= 0;

    /// <summary>Watches <paramref name="folder"/>; cheap to repeat at every poll, which also renews a watch on a folder deleted and made again.</summary>
    public void Watch(string folder)
    {
        if (_descriptor < 0 || _disposed)
        {
            return;
        }
        int watch = InotifyAddWatch(_descriptor, folder, MovedTo | OnlyDirectory);
        if (watch >= 0)
        {
            _folders[watch] = folder;
        }
        // Otherwise (the watch limit is reached, the folder is gone): its files wait for their two looks.
    }

    /// <summary>Completes with true once a file moved in waits to be taken, or with false once the watcher stopped hearing.</summary>
    public Task<bool> WaitAsync(CancellationToken cancellationToken) => _movedIn.Reader.WaitToReadAsync(cancellationToken).AsTask();

    /// <summary>The next file moved in: its folder, as given to <see cref="Watch"/>, and its name.</summary>
    public bool TryTake(out (string Folder, string Name) file) => _movedIn.Reader.TryRead(out file);

    /// <summary>Stops listening; the listener closes the descriptor at its next wake, so disposing never waits.</summary>
    public void Dispose() => _disposed = true;

    private void Listen()
    {
        byte[] buffer = new byte[64 * 1024];
        try
        {
            while (!_disposed)
            {
                var wait = new PollDescriptor { Descriptor = _descriptor, Events = Readable };
                int ready = Poll(ref wait, 1, WakeMilliseconds);
                if (ready < 0 && Marshal.GetLastPInvokeError() != Interrupted)
                {
                    return;   // the descriptor failed: stop hearing, the polls carry on
                }
                if (ready <= 0)
                {
                    continue;
                }
                nint read = Read(_descriptor, buffer, buffer.Length);
                if (read > 0)
                {
                    Publish(buffer.AsSpan(0, (int)read));
                }
                else if (read < 0 && Marshal.GetLastPInvokeError() is not (Interrupted or WouldBlock))
                {
                    return;
                }
            }
        }
        finally
        {
            _movedIn.Writer.TryComplete();
            _ = Close(_descriptor);
        }
    }

    // struct inotify_event { int wd; uint32_t mask; uint32_t cookie; uint32_t len; char name[len]; }, name NUL-padded.
    private void Publish(ReadOnlySpan<byte> events)
    {
        const int Header = 16;
        while (events.Length >= Header)
        {
            int watch = MemoryMarshal.Read<int>(events);
            uint mask = MemoryMarshal.Read<uint>(events[4..]);
            int length = (int)MemoryMarshal.Read<uint>(events[12..]);
            var name = events.Slice(Header, length);
            int end = name.IndexOf((byte)0);
            if ((mask & Ignored) != 0)
            {
                _folders.TryRemove(watch, out _);
            }
            else if ((mask & MovedTo) != 0 && _folders.TryGetValue(watch, out string? folder))
            {
                _movedIn.Writer.TryWrite((folder, Encoding.UTF8.GetString(end < 0 ? name : name[..end])));
            }
            events = events[(Header + length)..];
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollDescriptor
    {
        public int Descriptor;
        public short Events;
        public short ReturnedEvents;
    }

    [LibraryImport("libc", EntryPoint = "inotify_init1", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int InotifyInit(int flags);

    [LibraryImport("libc", EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int InotifyAddWatch(int descriptor, string path, uint mask);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Poll(ref PollDescriptor descriptors, nuint count, int timeoutMilliseconds);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial nint Read(int descriptor, [Out] byte[] buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Close(int descriptor);
}
