namespace Gateway.Partners.ControlNumbers;

/// <summary>Persists control-number sequences: each call returns the next number, durably recorded before it returns.</summary>
public interface IControlNumberStore
{
    /// <summary>
    /// Returns the number after the last one issued for <paramref name="sequence"/> (<paramref name="first"/> for a new
    /// sequence, and again after <paramref name="last"/>), recorded so that no later call, in this process or after a
    /// restart, returns it again before the range wraps. Safe to call concurrently.
    /// </summary>
    long Allocate(string sequence, long first, long last);
}
