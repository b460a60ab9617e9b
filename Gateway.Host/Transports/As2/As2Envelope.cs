using System.Security.Cryptography.X509Certificates;
using Gateway.Partners.Profiles.Transports;
using MimeKit;

namespace Gateway.Host.Transports.As2;

/// <summary>
/// The security layers of an AS2 message (RFC 4130, RFC 5402): unwrapped on receipt, in whatever order the partner
/// applied them, and built on sending in the order the profile asks for. The MIC is computed as RFC 4130 §7.3.1
/// defines it: over the signed part as it travelled for a signed message, over the decrypted entity for an
/// encrypted unsigned one, over the content alone for a plain one.
/// </summary>
internal static class As2Envelope
{
    /// <summary>What a received message held, once its layers were opened.</summary>
    public sealed record Opened(byte[] Payload, string PayloadType, string? FileName, bool Signed, bool Encrypted, bool Compressed, string Mic);

    /// <summary>A message ready to post: the top MIME headers go into the HTTP request, the body is its content.</summary>
    public sealed record Packed(string ContentType, string? TransferEncoding, byte[] Body, string Mic, string MicAlg);

    /// <summary>Opens a received message against its partnership's policy; throws <see cref="As2FailureException"/> with the disposition to report.</summary>
    public static Opened Open(byte[] entity, As2Settings partnership, X509Certificate2 ours, IReadOnlyList<X509Certificate2> partnerSigners, As2Algorithms.Digest micDigest)
    {
        long budget = partnership.MaxMessageSizeMb * 1024L * 1024L;
        var state = new State();
        var top = MimeBytes.Read(entity);
        // Plain: the MIC covers the content without the outer headers.
        state.Mic = As2Algorithms.Mic(top.Body.Span, micDigest);
        var payload = Unwrap(top, partnership, ours, partnerSigners, micDigest, budget, state, depth: 0);
        if (!state.Signed)
        {
            throw new As2FailureException(As2FailureException.InsufficientMessageSecurity, "the message is not signed; this partnership requires signed messages");
        }
        if (!state.Encrypted && partnership.Encryption != As2EncryptionAlgorithm.None)
        {
            throw new As2FailureException(As2FailureException.InsufficientMessageSecurity, "the message is not encrypted; this partnership requires encrypted messages");
        }
        var type = payload.ContentType;
        string? fileName = Disposition(payload)?.FileName ?? type.Name;
        return new Opened(payload.DecodedBody(), type.MimeType, fileName, state.Signed, state.Encrypted, state.Compressed, state.Mic!);
    }

    private sealed class State
    {
        public bool Signed;
        public bool Encrypted;
        public bool Compressed;
        public string? Mic;
    }

    private static MimeBytes.Entity Unwrap(MimeBytes.Entity entity, As2Settings partnership, X509Certificate2 ours, IReadOnlyList<X509Certificate2> signers, As2Algorithms.Digest micDigest, long budget, State state, int depth)
    {
        if (depth > 4)
        {
            throw new As2FailureException(As2FailureException.UnexpectedProcessingError, "the message nests more than four security layers");
        }
        var type = entity.ContentType;
        if (type.IsMimeType("application", "pkcs7-mime") || type.IsMimeType("application", "x-pkcs7-mime"))
        {
            byte[] der = entity.DecodedBody();
            switch (As2Cms.KindOf(der))
            {
                case As2Cms.Kind.Enveloped when !state.Encrypted && !state.Signed:
                    byte[] decrypted = As2Cms.Decrypt(der, ours, partnership);
                    state.Encrypted = true;
                    // Encrypted, unsigned: the MIC covers the decrypted entity, headers and content.
                    state.Mic = As2Algorithms.Mic(decrypted, micDigest);
                    return Unwrap(Read(decrypted, As2FailureException.DecryptionFailed), partnership, ours, signers, micDigest, budget, state, depth + 1);
                case As2Cms.Kind.Compressed when !state.Compressed:
                    byte[] expanded = As2Cms.Decompress(der, budget);
                    state.Compressed = true;
                    return Unwrap(Read(expanded, As2FailureException.DecompressionFailed), partnership, ours, signers, micDigest, budget, state, depth + 1);
                case As2Cms.Kind.Other when type.Parameters["smime-type"] is { } declared && declared.Contains("compressed", StringComparison.OrdinalIgnoreCase):
                    throw new As2FailureException(As2FailureException.DecompressionFailed, "the compressed-data is not readable CMS");
                case As2Cms.Kind.Other when type.Parameters["smime-type"] is { } declared && declared.Contains("enveloped", StringComparison.OrdinalIgnoreCase):
                    throw new As2FailureException(As2FailureException.DecryptionFailed, "the enveloped-data is not readable CMS");
                default:
                    throw new As2FailureException(As2FailureException.UnexpectedProcessingError, $"unexpected {type.Parameters["smime-type"] ?? "pkcs7"} layer: expected at most one encryption outside the signature and one compression");
            }
        }
        if (type.IsMimeType("multipart", "signed"))
        {
            if (state.Signed)
            {
                throw new As2FailureException(As2FailureException.UnexpectedProcessingError, "the message is signed twice");
            }
            var parts = SignedParts(entity, As2FailureException.AuthenticationFailed);
            var signature = MimeBytes.Read(parts[1]);
            byte[] signed = parts[0].ToArray();
            As2Cms.Verify(signed, signature.DecodedBody(), signers, partnership);
            state.Signed = true;
            state.Mic = As2Algorithms.Mic(signed, micDigest);
            return Unwrap(MimeBytes.Read(signed), partnership, ours, signers, micDigest, budget, state, depth + 1);
        }
        return entity;
    }

    /// <summary>The signed part and the signature part of a multipart/signed, byte-exact.</summary>
    public static IReadOnlyList<ReadOnlyMemory<byte>> SignedParts(MimeBytes.Entity entity, string failure)
    {
        string boundary = entity.ContentType.Boundary ?? throw new As2FailureException(failure, "the multipart/signed has no boundary");
        try
        {
            var parts = MimeBytes.Parts(entity.Body, boundary);
            return parts.Count == 2 ? parts : throw new As2FailureException(failure, $"the multipart/signed has {parts.Count} parts instead of 2");
        }
        catch (FormatException exception)
        {
            throw new As2FailureException(failure, exception.Message);
        }
    }

    private static MimeBytes.Entity Read(byte[] entity, string failure)
    {
        try
        {
            return MimeBytes.Read(entity);
        }
        catch (FormatException exception)
        {
            throw new As2FailureException(failure, $"the content inside is not a MIME entity ({exception.Message})");
        }
    }

    private static ContentDisposition? Disposition(MimeBytes.Entity entity) =>
        entity.Headers.TryGetValue("content-disposition", out string? value) && ContentDisposition.TryParse(value, out var disposition) ? disposition : null;

    /// <summary>Builds a message for <paramref name="partnership"/>: sign, compress before or after signing, encrypt, as its profile says.</summary>
    public static Packed Pack(byte[] payload, string payloadType, string fileName, As2Settings partnership, X509Certificate2 ours, X509Certificate2 partnerEncryption, DateTimeOffset now)
    {
        var digest = As2Algorithms.Of(partnership.Signing);
        byte[] entity = MimeBytes.Compose(
            [("Content-Type", payloadType), ("Content-Transfer-Encoding", "binary"), ("Content-Disposition", $"attachment; filename=\"{fileName}\"")],
            payload);
        if (partnership.Compression == As2Compression.BeforeSigning)
        {
            entity = Compressed(entity);
        }
        string mic = As2Algorithms.Mic(entity, digest);
        entity = Signed(entity, ours, digest, now);
        if (partnership.Compression == As2Compression.AfterSigning)
        {
            entity = Compressed(entity);
        }
        if (partnership.Encryption != As2EncryptionAlgorithm.None)
        {
            string smimeType = partnership.Encryption is As2EncryptionAlgorithm.Aes128Gcm or As2EncryptionAlgorithm.Aes256Gcm ? "authEnveloped-data" : "enveloped-data";
            entity = MimeBytes.Compose(
                [("Content-Type", $"application/pkcs7-mime; smime-type={smimeType}; name=\"smime.p7m\""), ("Content-Transfer-Encoding", "binary"), ("Content-Disposition", "attachment; filename=\"smime.p7m\"")],
                As2Cms.Encrypt(entity, partnerEncryption, partnership.Encryption));
        }
        var top = MimeBytes.Read(entity);
        return new Packed(top.Headers["content-type"], top.TransferEncoding, top.Body.ToArray(), mic, digest.MicAlg);
    }

    /// <summary>A multipart/signed around <paramref name="entity"/>, signed with <paramref name="signer"/>.</summary>
    public static byte[] Signed(byte[] entity, X509Certificate2 signer, As2Algorithms.Digest digest, DateTimeOffset now)
    {
        string boundary = "----=_As2Signed_" + Guid.NewGuid().ToString("N");
        byte[] signature = As2Cms.Sign(entity, signer, digest, now);
        using var body = new MemoryStream(entity.Length + signature.Length * 2 + 512);
        Write(body, $"--{boundary}\r\n");
        body.Write(entity);
        Write(body, $"\r\n--{boundary}\r\nContent-Type: application/pkcs7-signature; name=\"smime.p7s\"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"smime.p7s\"\r\n\r\n");
        body.Write(MimeBytes.Base64Lines(signature));
        Write(body, $"--{boundary}--\r\n");
        return MimeBytes.Compose(
            [("Content-Type", $"multipart/signed; protocol=\"application/pkcs7-signature\"; micalg={digest.MicAlg}; boundary=\"{boundary}\"")],
            body.ToArray());
    }

    private static byte[] Compressed(byte[] entity) => MimeBytes.Compose(
        [("Content-Type", "application/pkcs7-mime; smime-type=compressed-data; name=\"smime.p7z\""), ("Content-Transfer-Encoding", "binary"), ("Content-Disposition", "attachment; filename=\"smime.p7z\"")],
        As2Cms.Compress(entity));

    private static void Write(Stream stream, string text) => stream.Write(System.Text.Encoding.ASCII.GetBytes(text));
}
