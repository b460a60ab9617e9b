using System.Security.Cryptography;

namespace Gateway.Host.Pipeline;

/// <summary>Tracking ids that sort by arrival and say when: <c>R20261128T073512123-4f9c2a</c>.</summary>
internal static class ReceiptIds
{
    public static string New(DateTimeOffset receivedAt) =>
        $"R{receivedAt.UtcDateTime:yyyyMMdd'T'HHmmssfff}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
}
