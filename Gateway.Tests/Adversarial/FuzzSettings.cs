using System.Globalization;

namespace Gateway.Tests.Adversarial;

/// <summary>
/// The size and seed of a malformed-input run: fixed for CI, overridden for the nightly run by GATEWAY_FUZZ_SEED and
/// GATEWAY_FUZZ_COUNT (the total over all categories, shared out as <see cref="CountOf"/> says).
/// </summary>
internal static class FuzzSettings
{
    public const int DefaultSeed = 20261128;
    public const int DefaultCount = 100_000;

    /// <summary>The largest input generated; the time limit applies to inputs up to this size.</summary>
    public const int MaxInputBytes = 64 * 1024;

    /// <summary>An input slower than this twice in a row is a hang.</summary>
    public const double SlowMilliseconds = 100;

    public static int Seed { get; } = Read("GATEWAY_FUZZ_SEED", DefaultSeed);

    public static int TotalCount { get; } = Read("GATEWAY_FUZZ_COUNT", DefaultCount);

    /// <summary>The cases a category runs: its share of <see cref="TotalCount"/>, at least one.</summary>
    public static int CountOf(double share) => Math.Max(1, (int)Math.Round(TotalCount * share));

    /// <summary>A category's own seed, stable across processes (string.GetHashCode is not).</summary>
    public static int SeedOf(string category)
    {
        uint hash = 2166136261;
        foreach (char c in category)
        {
            hash = (hash ^ c) * 16777619;
        }
        return unchecked(Seed ^ (int)hash);
    }

    /// <summary>The seed of case <paramref name="index"/> of a category, so one case can be made again without the others.</summary>
    public static int CaseSeed(int categorySeed, int index) => unchecked((int)(((uint)categorySeed * 2654435761u) ^ ((uint)index * 2246822519u)));

    private static int Read(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : fallback;
}
