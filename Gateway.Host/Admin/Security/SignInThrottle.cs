namespace Gateway.Host.Admin.Security;

/// <summary>
/// Slows password guessing: after 5 failed sign-ins under one name within 15 minutes, that name is locked for 15
/// minutes, whatever password comes next. Kept in memory: a restart forgives, a guesser still gets 5 tries per start.
/// </summary>
internal sealed class SignInThrottle(TimeProvider time)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<DateTimeOffset>> _failures = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>When the name may try again, or null when it may now.</summary>
    public DateTimeOffset? LockedUntil(string name)
    {
        lock (_lock)
        {
            if (!_failures.TryGetValue(name, out var failures))
            {
                return null;
            }
            var now = time.GetUtcNow();
            failures.RemoveAll(at => now - at > Window);
            return failures.Count >= MaxFailures ? failures[^1] + Window : null;
        }
    }

    public void Failed(string name)
    {
        lock (_lock)
        {
            if (_failures.Count > 10_000)
            {
                _failures.Clear();
            }
            (_failures.TryGetValue(name, out var failures) ? failures : _failures[name] = []).Add(time.GetUtcNow());
        }
    }

    public void Succeeded(string name)
    {
        lock (_lock)
        {
            _failures.Remove(name);
        }
    }
}
