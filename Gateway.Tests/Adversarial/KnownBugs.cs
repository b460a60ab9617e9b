namespace Gateway.Tests.Adversarial;

/// <summary>
/// Product bugs the malformed-input runs found and the product does not fix yet: a failure with one of these signatures
/// (see <see cref="MalformedInputRun.Signature"/>) is counted in the summary's "known" column instead of failing the run.
/// Fix the product, then delete the entry: the run then fails again if the bug comes back.
/// </summary>
internal static class KnownBugs
{
    /// <summary>Category, failure signature, and where the reproducer is described.</summary>
    public static readonly IReadOnlyList<(string Category, string Signature, string Reproducer)> Entries =
    [
        ("X12", "oracle: slow", "long runs of a duplicated segment (e.g. HL*2*1*O repeated to 35-50 KB): 120-360 ms, twice"),
        ("EDIFACT", "oracle: slow", "thousands of tiny interchanges or a duplicated segment (e.g. 'UNB+' repeated to 12 KB): 120-290 ms, twice"),
    ];

    public static bool Matches(string category, string signature) =>
        Entries.Any(e => e.Category == category && e.Signature == signature);
}
