using System.Security.Cryptography.X509Certificates;
using Gateway.Partners.Profiles;
using Gateway.Partners.Profiles.Transports;
using MimeKit;
using MimeKit.Cryptography;

namespace Gateway.Host.Transports.Email;

/// <summary>
/// S/MIME for partners' mail, per profile: what comes in is decrypted with our certificate and, when the profile
/// requires it, accepted only if signed by the partner's own certificate (not just any valid signature); what goes
/// out is signed with SHA-256 and encrypted with AES-256 as the profile says.
/// </summary>
internal static class SecureMail
{
    /// <summary>The content to take EDI from, or the reason the message must be quarantined.</summary>
    public static (MimeEntity? Content, string? Problem) Open(MimeMessage message, PartnerProfile partner, EmailSettings email, string profilesDirectory)
    {
        var entity = message.Body;
        using var context = new TemporarySecureMimeContext();
        if (entity is ApplicationPkcs7Mime { SecureMimeType: SecureMimeType.EnvelopedData } encrypted)
        {
            if (email.OurCertificate is not { } ours)
            {
                return (null, "the mail is encrypted but the profile has no transports.email.ourCertificate to decrypt it");
            }
            try
            {
                using var pfx = File.OpenRead(Path.GetFullPath(ours.File, profilesDirectory));
                context.Import(pfx, Password(ours, profilesDirectory));
                entity = encrypted.Decrypt(context);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or Org.BouncyCastle.Cms.CmsException or PrivateKeyNotFoundException)
            {
                return (null, $"the mail could not be decrypted ({exception.Message})");
            }
        }
        if (entity is MultipartSigned signed)
        {
            if (email.PartnerCertificate is not { } file)
            {
                return email.RequireSignature ? (null, "a signature is required but the profile has no partnerCertificate") : (signed[0], null);
            }
            using var expected = X509CertificateLoader.LoadCertificateFromFile(Path.GetFullPath(file, profilesDirectory));
            try
            {
                foreach (var signature in signed.Verify(context))
                {
                    // The signature must verify and come from the certificate we pinned for this partner.
                    if (signature.Verify(verifySignatureOnly: true) && string.Equals(signature.SignerCertificate?.Fingerprint, expected.Thumbprint, StringComparison.OrdinalIgnoreCase))
                    {
                        return (signed[0], null);
                    }
                }
            }
            catch (DigitalSignatureVerifyException exception)
            {
                return (null, $"the signature does not verify ({exception.Message})");
            }
            return (null, $"the mail is signed, but not with {partner.Id}'s certificate ({expected.Thumbprint})");
        }
        return email.RequireSignature ? (null, $"{partner.Id}'s profile requires S/MIME-signed mail and this one is not signed") : (entity, null);
    }

    /// <summary>The body to send: signed and encrypted as the profile says.</summary>
    public static MimeEntity Protect(MimeEntity body, EmailSettings email, string profilesDirectory)
    {
        if (!email.Sign && !email.Encrypt)
        {
            return body;
        }
        using var context = new TemporarySecureMimeContext();
        var entity = body;
        if (email.Sign)
        {
            var ours = email.OurCertificate ?? throw new InvalidOperationException("transports.email.sign needs ourCertificate");
            using var certificate = X509CertificateLoader.LoadPkcs12FromFile(Path.GetFullPath(ours.File, profilesDirectory), Password(ours, profilesDirectory));
            entity = MultipartSigned.Create(context, new CmsSigner(certificate) { DigestAlgorithm = DigestAlgorithm.Sha256 }, entity);
        }
        if (email.Encrypt)
        {
            using var partner = X509CertificateLoader.LoadCertificateFromFile(Path.GetFullPath(email.PartnerCertificate ?? throw new InvalidOperationException("transports.email.encrypt needs partnerCertificate"), profilesDirectory));
            var recipient = new CmsRecipient(partner) { EncryptionAlgorithms = [EncryptionAlgorithm.Aes256] };
            entity = ApplicationPkcs7Mime.Encrypt(context, new CmsRecipientCollection { recipient }, entity);
        }
        return entity;
    }

    private static string Password(KeyReference key, string profilesDirectory) =>
        key.TryResolvePassword(profilesDirectory, out string? password, out string? problem) ? password
        : throw new InvalidOperationException($"our certificate's password: {problem}");
}
