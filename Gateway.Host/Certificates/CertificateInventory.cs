using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gateway.Partners.Profiles;
using Gateway.Partners.Profiles.Transports;

namespace Gateway.Host.Certificates;

/// <summary>
/// Every certificate the partner profiles refer to, read from disk as it is now: the profile loader checked the files
/// when they loaded, but certificates expire while the gateway runs, and operators need the list per partner.
/// </summary>
internal static class CertificateInventory
{
    /// <summary>
    /// The order every list of certificates uses: problems first (they have no date, and need a person now), then the
    /// soonest expiry, then by partner.
    /// </summary>
    public static IOrderedEnumerable<CertificateEntry> NeedingActionFirst(this IEnumerable<CertificateEntry> entries) =>
        entries.OrderBy(e => e.NotAfter.HasValue && e.Problem is null).ThenBy(e => e.NotAfter).ThenBy(e => e.PartnerId, StringComparer.Ordinal);

    /// <summary>One entry per partner and use, in profile order; a file that cannot be read gives an entry with a <see cref="CertificateEntry.Problem"/>, never an exception.</summary>
    /// <param name="partners">The profiles to list.</param>
    /// <param name="profilesDirectory">The folder relative certificate paths are relative to.</param>
    public static IReadOnlyList<CertificateEntry> Of(IEnumerable<PartnerProfile> partners, string profilesDirectory)
    {
        ArgumentNullException.ThrowIfNull(partners);
        ArgumentNullException.ThrowIfNull(profilesDirectory);
        var reader = new Reader(Path.GetFullPath(profilesDirectory));
        var entries = new List<CertificateEntry>();
        foreach (var partner in partners)
        {
            if (partner.Transports.As2 is { } as2)
            {
                string partnerUse = as2.PartnerEncryptionCertificate is null ? CertificateUse.As2Partner : CertificateUse.As2PartnerVerify;
                entries.Add(reader.Certificate(partner.Id, partnerUse, as2.PartnerCertificate));
                if (as2.PartnerEncryptionCertificate is { } encryption)
                {
                    entries.Add(reader.Certificate(partner.Id, CertificateUse.As2PartnerEncryption, encryption));
                }
                if (as2.NextPartnerCertificate is { } next)
                {
                    entries.Add(reader.Certificate(partner.Id, CertificateUse.As2PartnerNext, next));
                }
                entries.Add(reader.KeyPair(partner.Id, CertificateUse.As2Ours, as2.OurCertificate));
            }
            if (partner.Transports.Email is { } email)
            {
                if (email.PartnerCertificate is { } theirs)
                {
                    entries.Add(reader.Certificate(partner.Id, CertificateUse.EmailPartner, theirs));
                }
                if (email.OurCertificate is { } ours)
                {
                    entries.Add(reader.KeyPair(partner.Id, CertificateUse.EmailOurs, ours));
                }
            }
        }
        return entries;
    }

    // Reads each file once per call: several partners usually share our key pair.
    private sealed class Reader(string profilesDirectory)
    {
        private readonly Dictionary<string, Facts> _read = new(StringComparer.Ordinal);

        public CertificateEntry Certificate(string partnerId, string use, string file) =>
            Entry(partnerId, use, file, Read($"cer|{FullPath(file)}", () => ReadCertificate(file)));

        // The password reference is part of the key: two profiles may open the same file differently.
        public CertificateEntry KeyPair(string partnerId, string use, KeyReference key) =>
            Entry(partnerId, use, key.File, Read($"pfx|{FullPath(key.File)}|{key.Password}", () => ReadKeyPair(key)));

        private static CertificateEntry Entry(string partnerId, string use, string file, Facts facts) =>
            new(partnerId, use, file, facts.Subject, facts.Thumbprint, facts.NotBefore, facts.NotAfter, facts.Problem);

        private Facts Read(string key, Func<Facts> read)
        {
            if (!_read.TryGetValue(key, out var facts))
            {
                facts = read();
                _read[key] = facts;
            }
            return facts;
        }

        private Facts ReadCertificate(string file)
        {
            if (Missing(file) is { } missing)
            {
                return missing;
            }
            try
            {
                using var certificate = X509CertificateLoader.LoadCertificateFromFile(FullPath(file));
                return Describe(certificate, problem: null);
            }
            catch (CryptographicException exception)
            {
                return Facts.Failed($"{file} is not a certificate in PEM or DER form ({exception.Message.TrimEnd('.')})");
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return Facts.Failed($"{file} cannot be read ({exception.GetType().Name})");
            }
        }

        private Facts ReadKeyPair(KeyReference key)
        {
            if (Missing(key.File) is { } missing)
            {
                return missing;
            }
            if (!key.TryResolvePassword(profilesDirectory, out string? password, out string? unresolved))
            {
                // TryResolve's reason names the reference (env:NAME, file:PATH), never the value.
                return Facts.Failed($"its password cannot be read here: {unresolved}");
            }
            try
            {
                using var certificate = X509CertificateLoader.LoadPkcs12FromFile(FullPath(key.File), password);
                return Describe(certificate, certificate.HasPrivateKey ? null : $"{key.File} holds no private key; export our certificate with its key as .pfx/.p12");
            }
            catch (CryptographicException exception)
            {
                return Facts.Failed(WithoutSecret($"{key.File} cannot be opened as a .pfx/.p12 key pair ({exception.Message.TrimEnd('.')}); check the file and its password reference", password));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return Facts.Failed($"{key.File} cannot be read ({exception.GetType().Name})");
            }
        }

        private Facts? Missing(string file) =>
            string.IsNullOrWhiteSpace(file) || file.Contains('\0', StringComparison.Ordinal) ? Facts.Failed("no usable file name is given")
            : File.Exists(FullPath(file)) ? null
            : Facts.Failed($"file {FullPath(file)} does not exist");

        // A NUL would make GetFullPath throw; Missing reports such a name instead.
        private string FullPath(string file) => file.Contains('\0', StringComparison.Ordinal) ? file : Path.GetFullPath(file, profilesDirectory);

        private static Facts Describe(X509Certificate2 certificate, string? problem) => new(
            certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false),
            certificate.Thumbprint,
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            problem);

        // Library messages do not quote passwords today; this keeps it so if one ever does.
        private static string WithoutSecret(string text, string? secret) =>
            string.IsNullOrEmpty(secret) ? text : text.Replace(secret, "***", StringComparison.Ordinal);
    }

    private sealed record Facts(string? Subject, string? Thumbprint, DateTimeOffset? NotBefore, DateTimeOffset? NotAfter, string? Problem)
    {
        public static Facts Failed(string problem) => new(null, null, null, null, problem);
    }
}
