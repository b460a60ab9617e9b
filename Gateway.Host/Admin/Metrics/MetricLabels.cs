namespace Gateway.Host.Admin.Metrics;

/// <summary>
/// Label values from what the gateway knows, never from payloads: partner ids come from profiles, document types only
/// once the partner is known, so a stranger's files cannot invent new series (bounded cardinality).
/// </summary>
internal static class MetricLabels
{
    public const string Unknown = "unknown";

    public const string Other = "other";

    public static string Partner(string? partnerId) => string.IsNullOrEmpty(partnerId) ? Unknown : partnerId;

    /// <summary>The document type (850, ORDERS, 997…) of a known partner's document; <c>unknown</c> for a stranger's, <c>other</c> when it is no type code.</summary>
    public static string Type(string? partnerId, string type) =>
        string.IsNullOrEmpty(partnerId) ? Unknown : IsCode(type, upper: true) ? type : Other;

    /// <summary>A transport name (as2, sftp, email, folder).</summary>
    public static string Transport(string transport) => IsCode(transport, upper: false) ? transport : Other;

    // ST01 and UNH 0065 codes are at most 6 letters or digits (our acknowledgments: 997+TA1); transports are lower-case words.
    private static bool IsCode(string value, bool upper)
    {
        if (value.Length is 0 or > 10)
        {
            return false;
        }
        foreach (char c in value)
        {
            if (!(char.IsAsciiDigit(c) || (upper ? char.IsAsciiLetterUpper(c) || c == '+' : char.IsAsciiLetterLower(c))))
            {
                return false;
            }
        }
        return true;
    }
}
