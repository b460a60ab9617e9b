namespace Gateway.Maps;

/// <summary>The documents a map reads (inbound) or writes (outbound): standard, versions and type.</summary>
/// <param name="Standard"><c>X12</c> or <c>EDIFACT</c>.</param>
/// <param name="Versions">X12 versions (004010) or EDIFACT directories (D96A); for an outbound map the first is the one written.</param>
/// <param name="Type">850, ORDERS…</param>
public sealed record MapDocument(string Standard, IReadOnlyList<string> Versions, string Type)
{
    public bool Matches(string standard, string version, string type) =>
        string.Equals(Standard, standard, StringComparison.OrdinalIgnoreCase) && Versions.Contains(version, StringComparer.Ordinal) && Type == type;

    /// <summary>How support staff write it: <c>X12 004010/005010 850</c>.</summary>
    public override string ToString() => $"{Standard} {string.Join('/', Versions)} {Type}";
}
