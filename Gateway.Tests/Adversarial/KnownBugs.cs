namespace Gateway.Tests.Adversarial;

/// <summary>
/// Product bugs the malformed-input runs found and the product does not fix yet: a failure with one of these signatures
/// (see <see cref="MalformedInputRun.Signature"/>) is counted in the summary's "known" column instead of failing the run.
/// Fix the product, then delete the entry: the run then fails again if the bug comes back.
/// </summary>
internal static class KnownBugs
{
    /// <summary>Category, failure signature, and where the reproducer is described.</summary>
    /// <remarks>Empty today: the last entries (X12 and EDIFACT inputs repeating one segment, 100-360 ms) were received
    /// 997s and CONTRLs whose error sentences were built by string concatenation, fixed by appending.</remarks>
    public static readonly IReadOnlyList<(string Category, string Signature, string Reproducer)> Entries = [];

    public static bool Matches(string category, string signature) =>
        Entries.Any(e => e.Category == category && e.Signature == signature);
}
