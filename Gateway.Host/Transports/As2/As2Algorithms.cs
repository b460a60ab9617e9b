using System.Security.Cryptography;
using Gateway.Partners.Profiles.Transports;

namespace Gateway.Host.Transports.As2;

/// <summary>
/// The algorithms AS2 names, and which of them a partnership may use. Strong ones always; SHA-1 and 3DES only when
/// the profile allows legacy algorithms; MD5, DES and RC2 never (draft-ietf-ediint-rfc4130bis §7).
/// </summary>
internal static class As2Algorithms
{
    /// <summary>A digest as AS2 names it (micalg), with its hash and OID.</summary>
    public sealed record Digest(string MicAlg, HashAlgorithmName Hash, string Oid, bool Legacy);

    private static readonly Digest[] Digests =
    [
        new("sha-256", HashAlgorithmName.SHA256, "2.16.840.1.101.3.4.2.1", Legacy: false),
        new("sha-384", HashAlgorithmName.SHA384, "2.16.840.1.101.3.4.2.2", Legacy: false),
        new("sha-512", HashAlgorithmName.SHA512, "2.16.840.1.101.3.4.2.3", Legacy: false),
        new("sha1", HashAlgorithmName.SHA1, "1.3.14.3.2.26", Legacy: true),
    ];

    private static readonly Dictionary<string, (string Name, bool Legacy)> Ciphers = new(StringComparer.Ordinal)
    {
        ["2.16.840.1.101.3.4.1.2"] = ("AES-128-CBC", false),
        ["2.16.840.1.101.3.4.1.22"] = ("AES-192-CBC", false),
        ["2.16.840.1.101.3.4.1.42"] = ("AES-256-CBC", false),
        ["2.16.840.1.101.3.4.1.6"] = ("AES-128-GCM", false),
        ["2.16.840.1.101.3.4.1.26"] = ("AES-192-GCM", false),
        ["2.16.840.1.101.3.4.1.46"] = ("AES-256-GCM", false),
        ["1.2.840.113549.3.7"] = ("3DES", true),
    };

    /// <summary>The digest of a micalg name (sha-256, sha256, SHA-256, sha1…), whether or not the partnership may use it.</summary>
    public static Digest? FindMicAlg(string name)
    {
        string normal = name.Trim().ToLowerInvariant().Replace("-", "", StringComparison.Ordinal);
        return Digests.FirstOrDefault(d => d.MicAlg.Replace("-", "", StringComparison.Ordinal) == normal);
    }

    public static Digest? FindOid(string oid) => Digests.FirstOrDefault(d => d.Oid == oid);

    public static Digest Of(As2SigningAlgorithm algorithm) => algorithm switch
    {
        As2SigningAlgorithm.Sha384 => Digests[1],
        As2SigningAlgorithm.Sha512 => Digests[2],
        As2SigningAlgorithm.Sha1 => Digests[3],
        _ => Digests[0],
    };

    public static bool Allowed(Digest digest, As2Settings partnership) => !digest.Legacy || partnership.AllowLegacyAlgorithms;

    /// <summary>Why the content encryption <paramref name="oid"/> is refused, or null when the partnership may use it.</summary>
    public static string? RefuseCipher(string oid, As2Settings partnership) =>
        !Ciphers.TryGetValue(oid, out var cipher) ? $"the content encryption {oid} is not supported (use AES)"
        : cipher.Legacy && !partnership.AllowLegacyAlgorithms ? $"{cipher.Name} is a legacy algorithm this partnership does not allow (allowLegacyAlgorithms)"
        : null;

    /// <summary>The first digest in a signed-receipt-micalg list the partnership may use, or null when none is.</summary>
    public static Digest? Choose(IEnumerable<string> requested, As2Settings partnership) =>
        requested.Select(FindMicAlg).FirstOrDefault(d => d is not null && Allowed(d, partnership));

    /// <summary>base64 of the digest of <paramref name="data"/>: the value of Received-Content-MIC.</summary>
    public static string Mic(ReadOnlySpan<byte> data, Digest digest) => Convert.ToBase64String(CryptographicOperations.HashData(digest.Hash, data));
}
