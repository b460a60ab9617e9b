using System.Globalization;

namespace Gateway.Tests.Crash;

/// <summary>
/// The size and randomness of a mixed-channel crash run: CI size by default, nightly size through
/// <c>GATEWAY_CRASH_DOCUMENTS</c> and <c>GATEWAY_CRASH_KILLS</c>, and a seed (<c>GATEWAY_CRASH_SEED</c>) to replay a failure.
/// </summary>
internal sealed record CrashRunSettings(int Documents, int RandomKills, int Seed)
{
    public const int CiDocuments = 200;
    public const int CiKills = 20;

    /// <summary>The longest a random kill waits after the start, in milliseconds: long enough to see work, short enough for CI.</summary>
    public const int MaxLifeMilliseconds = 5_000;

    public static CrashRunSettings FromEnvironment() => new(
        Number("GATEWAY_CRASH_DOCUMENTS") ?? CiDocuments,
        Number("GATEWAY_CRASH_KILLS") ?? CiKills,
        Number("GATEWAY_CRASH_SEED") ?? Random.Shared.Next());

    private static int? Number(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : null;
}
