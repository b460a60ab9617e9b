namespace Gateway.Host.Transports.As2;

/// <summary>
/// A message refused for a reason the MDN reports: <see cref="Modifier"/> is the disposition's error modifier
/// (authentication-failed, decryption-failed…), <see cref="Detail"/> what the operator and partner need to fix it.
/// </summary>
internal sealed class As2FailureException(string modifier, string detail) : Exception($"{modifier}: {detail}")
{
    public const string AuthenticationFailed = "authentication-failed";
    public const string DecryptionFailed = "decryption-failed";
    public const string DecompressionFailed = "decompression-failed";
    public const string InsufficientMessageSecurity = "insufficient-message-security";
    public const string IntegrityCheckFailed = "integrity-check-failed";
    public const string UnknownTradingRelationship = "unknown-trading-relationship";
    public const string InvalidMessageId = "invalid-message-id";
    public const string UnexpectedProcessingError = "unexpected-processing-error";

    public string Modifier { get; } = modifier;

    public string Detail { get; } = detail;
}
