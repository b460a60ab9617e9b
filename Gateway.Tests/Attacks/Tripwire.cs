namespace Gateway.Tests.Attacks;

/// <summary>
/// A type named in <c>$type</c>/<c>__type</c> payloads: its constructor and setter flip a flag, so a deserializer that
/// honours type information from the wire is caught in the act (the in-process gateway shares this process).
/// </summary>
public sealed class Tripwire
{
    private static int _touched;

    public Tripwire() => Interlocked.Exchange(ref _touched, 1);

    public static string AssemblyQualifiedName => typeof(Tripwire).AssemblyQualifiedName!;

    /// <summary>Whether any code created a <see cref="Tripwire"/> or set its property since the last <see cref="Reset"/>.</summary>
    public static bool Touched => Volatile.Read(ref _touched) == 1;

    private string? _command;

    public string? Command
    {
        get => _command;
        set
        {
            _command = value;
            Interlocked.Exchange(ref _touched, 1);
        }
    }

    public static void Reset() => Interlocked.Exchange(ref _touched, 0);
}
