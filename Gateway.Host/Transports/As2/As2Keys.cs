using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Gateway.Host.Configuration;
using Gateway.Partners.Profiles.Transports;

namespace Gateway.Host.Transports.As2;

/// <summary>
/// The certificates of AS2 partnerships, read from the files profiles name and kept until a file changes. The
/// partner's current and next certificate (rollover) both verify while each is within its validity; we encrypt to
/// the next one from its start date.
/// </summary>
internal sealed class As2Keys(GatewaySettings settings, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (DateTime Written, X509Certificate2 Certificate)> _cache = new(StringComparer.Ordinal);

    /// <summary>Our key pair for the partnership: signs what we send, decrypts what we receive.</summary>
    public X509Certificate2 Ours(As2Settings partnership)
    {
        var key = partnership.OurCertificate;
        return Load(key.File, path =>
        {
            string password = key.TryResolvePassword(settings.PartnerProfiles, out string? value, out string? problem) ? value
                : throw new As2KeyException($"the password of our certificate {key.File}: {problem}");
            return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        });
    }

    /// <summary>The partner's certificates a signature may come from now.</summary>
    public IReadOnlyList<X509Certificate2> PartnerSigners(As2Settings partnership)
    {
        var now = time.GetUtcNow();
        return new[] { partnership.PartnerCertificate, partnership.NextPartnerCertificate }
            .OfType<string>()
            .Select(file => Load(file, X509CertificateLoader.LoadCertificateFromFile))
            .Where(c => Valid(c, now))
            .ToList();
    }

    /// <summary>The certificate we encrypt to now.</summary>
    public X509Certificate2 PartnerEncryption(As2Settings partnership)
    {
        if (partnership.PartnerEncryptionCertificate is { } encryption)
        {
            return Load(encryption, X509CertificateLoader.LoadCertificateFromFile);
        }
        if (partnership.NextPartnerCertificate is { } nextFile && Load(nextFile, X509CertificateLoader.LoadCertificateFromFile) is var next && Valid(next, time.GetUtcNow()))
        {
            return next;
        }
        return Load(partnership.PartnerCertificate, X509CertificateLoader.LoadCertificateFromFile);
    }

    private static bool Valid(X509Certificate2 certificate, DateTimeOffset now) =>
        certificate.NotBefore.ToUniversalTime() <= now.UtcDateTime && now.UtcDateTime <= certificate.NotAfter.ToUniversalTime();

    private X509Certificate2 Load(string file, Func<string, X509Certificate2> open)
    {
        string path = Path.GetFullPath(file, settings.PartnerProfiles);
        DateTime written;
        try
        {
            written = File.GetLastWriteTimeUtc(path);
            if (_cache.TryGetValue(path, out var cached) && cached.Written == written)
            {
                return cached.Certificate;
            }
            var certificate = open(path);
            _cache[path] = (written, certificate);
            return certificate;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new As2KeyException($"{file}: {exception.Message}");
        }
    }
}

/// <summary>A certificate a partnership names cannot be used (missing file, wrong password, not a certificate).</summary>
internal sealed class As2KeyException(string message) : Exception(message);
