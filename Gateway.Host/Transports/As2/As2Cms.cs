using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Gateway.Partners.Profiles.Transports;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Cms;

namespace Gateway.Host.Transports.As2;

/// <summary>
/// The CMS operations of AS2 (RFC 5652, 5083, 5402): sign and verify detached signatures, encrypt and decrypt,
/// compress and decompress. .NET does signatures and CBC envelopes; BouncyCastle does AES-GCM envelopes and
/// compression, which .NET lacks.
/// </summary>
internal static class As2Cms
{
    private const string EnvelopedData = "1.2.840.113549.1.7.3";
    private const string AuthEnvelopedData = "1.2.840.113549.1.9.16.1.23";
    private const string CompressedData = "1.2.840.113549.1.9.16.1.9";

    /// <summary>What a pkcs7-mime body holds.</summary>
    public enum Kind
    {
        Enveloped,
        Compressed,
        Other,
    }

    public static Kind KindOf(byte[] der) => ContentTypeOf(der) switch
    {
        EnvelopedData or AuthEnvelopedData => Kind.Enveloped,
        CompressedData => Kind.Compressed,
        _ => Kind.Other,
    };

    // The CMS content type, or null when the bytes are no ContentInfo at all (empty, truncated, not DER): BouncyCastle
    // answers those with null or with any of these exceptions, depending on where the damage is.
    private static string? ContentTypeOf(byte[] der)
    {
        try
        {
            return Org.BouncyCastle.Asn1.Cms.ContentInfo.GetInstance(Asn1Object.FromByteArray(der))?.ContentType?.Id;
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or InvalidCastException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A detached signature over <paramref name="content"/> (DER), with the signing time and our certificate in it.</summary>
    public static byte[] Sign(byte[] content, X509Certificate2 signer, As2Algorithms.Digest digest, DateTimeOffset now)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        var cmsSigner = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, signer)
        {
            DigestAlgorithm = new Oid(digest.Oid),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        cmsSigner.SignedAttributes.Add(new Pkcs9SigningTime(now.UtcDateTime));
        cms.ComputeSignature(cmsSigner, silent: true);
        return cms.Encode();
    }

    /// <summary>
    /// Checks a detached signature over <paramref name="content"/>: it must come from one of <paramref name="pinned"/>
    /// (the partner's own certificates, never just any certificate the message carries) with a digest the
    /// partnership allows. Returns the digest used.
    /// </summary>
    public static As2Algorithms.Digest Verify(byte[] content, byte[] signature, IReadOnlyList<X509Certificate2> pinned, As2Settings partnership)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        List<(SignerInfo Signer, X509Certificate2? Carried, string DigestOid)> signers;
        try
        {
            cms.Decode(signature);
            // Decode reads the outer structure only; corrupt signer infos or attributes surface when first touched.
            signers = cms.SignerInfos.Cast<SignerInfo>().Select(s => (s, s.Certificate, s.DigestAlgorithm.Value ?? "")).ToList();
        }
        catch (CryptographicException exception)
        {
            throw new As2FailureException(As2FailureException.AuthenticationFailed, $"the signature is not readable CMS ({exception.Message})");
        }
        if (pinned.Count == 0)
        {
            throw new As2FailureException(As2FailureException.AuthenticationFailed, "none of the partner's certificates is valid today; check partnerCertificate and nextPartnerCertificate");
        }
        foreach (var (signer, carriedCertificate, digestOid) in signers)
        {
            var match = carriedCertificate is { } carried
                ? pinned.FirstOrDefault(p => p.RawData.AsSpan().SequenceEqual(carried.RawData))
                : pinned.FirstOrDefault(p => Identifies(signer.SignerIdentifier, p));
            if (match is null)
            {
                continue;
            }
            var digest = As2Algorithms.FindOid(digestOid);
            if (digest is null || !As2Algorithms.Allowed(digest, partnership))
            {
                throw new As2FailureException(As2FailureException.InsufficientMessageSecurity, $"the message is signed with the digest {digest?.MicAlg ?? signer.DigestAlgorithm.FriendlyName ?? signer.DigestAlgorithm.Value}, which this partnership does not allow; sign with sha-256");
            }
            try
            {
                signer.CheckSignature(new X509Certificate2Collection(match), verifySignatureOnly: true);
                return digest;
            }
            catch (CryptographicException exception)
            {
                throw new As2FailureException(As2FailureException.IntegrityCheckFailed, $"the content does not match its signature by {match.Subject}: it was changed after signing ({exception.Message})");
            }
        }
        string carriedBy = string.Join(", ", cms.Certificates.Select(c => c.Subject));
        throw new As2FailureException(As2FailureException.AuthenticationFailed, $"the message is not signed by the partner's certificate ({string.Join(", ", pinned.Select(p => p.Thumbprint))}){(carriedBy.Length > 0 ? $" but by {carriedBy}" : "")}");
    }

    private static bool Identifies(SubjectIdentifier identifier, X509Certificate2 certificate) => identifier.Value switch
    {
        System.Security.Cryptography.Xml.X509IssuerSerial issuerSerial => issuerSerial.IssuerName == certificate.IssuerName.Name && string.Equals(issuerSerial.SerialNumber, certificate.SerialNumber, StringComparison.OrdinalIgnoreCase),
        string keyIdentifier => certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Any(e => string.Equals(e.SubjectKeyIdentifier, keyIdentifier, StringComparison.OrdinalIgnoreCase)),
        _ => false,
    };

    /// <summary>
    /// Encrypts <paramref name="content"/> to <paramref name="recipient"/> with RSA PKCS#1 v1.5 key transport (what every AS2
    /// product reads): CBC as enveloped-data, GCM as auth-enveloped-data (RFC 5083/5084).
    /// </summary>
    public static byte[] Encrypt(byte[] content, X509Certificate2 recipient, As2EncryptionAlgorithm algorithm)
    {
        (string oid, bool gcm) = algorithm switch
        {
            As2EncryptionAlgorithm.Aes128 => ("2.16.840.1.101.3.4.1.2", false),
            As2EncryptionAlgorithm.Aes192 => ("2.16.840.1.101.3.4.1.22", false),
            As2EncryptionAlgorithm.Aes256 => ("2.16.840.1.101.3.4.1.42", false),
            As2EncryptionAlgorithm.TripleDes => ("1.2.840.113549.3.7", false),
            As2EncryptionAlgorithm.Aes128Gcm => ("2.16.840.1.101.3.4.1.6", true),
            As2EncryptionAlgorithm.Aes256Gcm => ("2.16.840.1.101.3.4.1.46", true),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "no encryption"),
        };
        if (gcm)
        {
            return EncryptAuthenticated(content, recipient, oid, algorithm == As2EncryptionAlgorithm.Aes128Gcm ? 16 : 32);
        }
        var envelope = new EnvelopedCms(new ContentInfo(content), new AlgorithmIdentifier(new Oid(oid)));
        envelope.Encrypt(new CmsRecipient(SubjectIdentifierType.IssuerAndSerialNumber, recipient, RSAEncryptionPadding.Pkcs1));
        return envelope.Encode();
    }

    // .NET writes no AuthEnvelopedData and BouncyCastle keeps its generator internal: the structure is small enough to write.
    private static byte[] EncryptAuthenticated(byte[] content, X509Certificate2 recipient, string cipherOid, int keyBytes)
    {
        byte[] key = RandomNumberGenerator.GetBytes(keyBytes);
        byte[] nonce = RandomNumberGenerator.GetBytes(12);
        byte[] cipherText = new byte[content.Length];
        byte[] tag = new byte[16];
        using (var aes = new AesGcm(key, tag.Length))
        {
            aes.Encrypt(nonce, content, cipherText, tag);
        }
        using var rsa = recipient.GetRSAPublicKey() ?? throw new As2KeyException($"the partner's certificate {recipient.Subject} has no RSA key");
        byte[] encryptedKey = rsa.Encrypt(key, RSAEncryptionPadding.Pkcs1);
        CryptographicOperations.ZeroMemory(key);

        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(AuthEnvelopedData);
            using (writer.PushSequence(new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 0, isConstructed: true)))
            using (writer.PushSequence())
            {
                writer.WriteInteger(0);
                using (writer.PushSetOf())
                using (writer.PushSequence())
                {
                    writer.WriteInteger(0);
                    using (writer.PushSequence())
                    {
                        writer.WriteEncodedValue(recipient.IssuerName.RawData);
                        writer.WriteInteger(recipient.SerialNumberBytes.Span);
                    }
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier("1.2.840.113549.1.1.1");
                        writer.WriteNull();
                    }
                    writer.WriteOctetString(encryptedKey);
                }
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier("1.2.840.113549.1.7.1");
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier(cipherOid);
                        using (writer.PushSequence())
                        {
                            writer.WriteOctetString(nonce);
                            writer.WriteInteger(tag.Length);
                        }
                    }
                    writer.WriteOctetString(cipherText, new System.Formats.Asn1.Asn1Tag(System.Formats.Asn1.TagClass.ContextSpecific, 0));
                }
                writer.WriteOctetString(tag);
            }
        }
        return writer.Encode();
    }

    /// <summary>Decrypts an enveloped (CBC) or auth-enveloped (GCM) message with our key; RSA PKCS#1 v1.5 and OAEP key transport.</summary>
    public static byte[] Decrypt(byte[] der, X509Certificate2 ours, As2Settings partnership)
    {
        try
        {
            if (ContentTypeOf(der) == AuthEnvelopedData)
            {
                return DecryptAuthenticated(der, ours, partnership);
            }
            var envelope = new EnvelopedCms();
            envelope.Decode(der);
            if (As2Algorithms.RefuseCipher(envelope.ContentEncryptionAlgorithm.Oid.Value ?? "", partnership) is { } refusal)
            {
                throw new As2FailureException(As2FailureException.InsufficientMessageSecurity, refusal);
            }
            envelope.Decrypt(new X509Certificate2Collection(ours));
            return envelope.ContentInfo.Content;
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or ArgumentException or InvalidCastException or InvalidOperationException or CmsException)
        {
            throw new As2FailureException(As2FailureException.DecryptionFailed, $"the message cannot be decrypted with our certificate {ours.Subject} ({ours.Thumbprint}): {exception.Message}");
        }
    }

    // AES-GCM arrives as AuthEnvelopedData (RFC 5083/5084), which .NET does not read and BouncyCastle keeps
    // internal: the key is unwrapped with .NET RSA and the content opened with .NET AesGcm.
    private static byte[] DecryptAuthenticated(byte[] der, X509Certificate2 ours, As2Settings partnership)
    {
        var info = Org.BouncyCastle.Asn1.Cms.ContentInfo.GetInstance(Asn1Object.FromByteArray(der));
        var data = Org.BouncyCastle.Asn1.Cms.AuthEnvelopedData.GetInstance(info.Content)
            ?? throw new CryptographicException("the auth-enveloped-data has no content");
        var content = data.AuthEncryptedContentInfo;
        string cipherOid = content.ContentEncryptionAlgorithm.Algorithm.Id;
        if (As2Algorithms.RefuseCipher(cipherOid, partnership) is { } refusal)
        {
            throw new As2FailureException(As2FailureException.InsufficientMessageSecurity, refusal);
        }
        var gcm = Org.BouncyCastle.Asn1.Cms.GcmParameters.GetInstance(content.ContentEncryptionAlgorithm.Parameters);
        using var rsa = ours.GetRSAPrivateKey() ?? throw new CryptographicException("our certificate has no RSA private key");
        byte[]? key = null;
        foreach (var recipient in data.RecipientInfos)
        {
            if (Org.BouncyCastle.Asn1.Cms.RecipientInfo.GetInstance(recipient).Info is not Org.BouncyCastle.Asn1.Cms.KeyTransRecipientInfo transport)
            {
                continue;
            }
            try
            {
                key = rsa.Decrypt(transport.EncryptedKey.GetOctets(), Padding(transport.KeyEncryptionAlgorithm));
                break;
            }
            catch (CryptographicException)
            {
                // Encrypted to another recipient: try the next one.
            }
        }
        if (key is null)
        {
            throw new CryptographicException("the message is not encrypted to our certificate");
        }
        byte[] cipherText = content.EncryptedContent.GetOctets();
        byte[] tag = data.Mac.GetOctets();
        byte[] plain = new byte[cipherText.Length];
        byte[]? associated = data.AuthAttrs?.GetEncoded(Asn1Encodable.Der);
        using var aes = new AesGcm(key, tag.Length);
        aes.Decrypt(gcm.GetNonce(), cipherText, tag, plain, associated);
        return plain;
    }

    private static RSAEncryptionPadding Padding(Org.BouncyCastle.Asn1.X509.AlgorithmIdentifier algorithm)
    {
        if (algorithm.Algorithm.Id != "1.2.840.113549.1.1.7")
        {
            return RSAEncryptionPadding.Pkcs1;
        }
        var parameters = Org.BouncyCastle.Asn1.Pkcs.RsaesOaepParameters.GetInstance(algorithm.Parameters);
        var hash = As2Algorithms.FindOid(parameters.HashAlgorithm.Algorithm.Id)?.Hash ?? HashAlgorithmName.SHA1;
        return RSAEncryptionPadding.CreateOaep(hash);
    }

    /// <summary>Compresses with zlib (RFC 5402 compressed-data).</summary>
    public static byte[] Compress(byte[] content) =>
        new CmsCompressedDataGenerator().Generate(new CmsProcessableByteArray(content), CmsCompressedDataGenerator.ZLib).GetEncoded();

    /// <summary>Decompresses, refusing to expand past <paramref name="budget"/> bytes (compression bombs).</summary>
    public static byte[] Decompress(byte[] der, long budget)
    {
        try
        {
            var parser = new CmsCompressedDataParser(der);
            using var content = parser.GetContent().ContentStream;
            using var output = new MemoryStream();
            byte[] buffer = new byte[81920];
            int read;
            while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > budget)
                {
                    throw new As2FailureException(As2FailureException.DecompressionFailed, $"the content expands past {budget:N0} bytes, the most this partnership accepts (maxMessageSizeMb)");
                }
                output.Write(buffer, 0, read);
            }
            return output.ToArray();
        }
        catch (Exception exception) when (exception is CmsException or IOException or ArgumentException or InvalidCastException or InvalidOperationException)
        {
            throw new As2FailureException(As2FailureException.DecompressionFailed, $"the compressed data is corrupt ({exception.Message})");
        }
    }
}
