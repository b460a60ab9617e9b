using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Gateway.Benchmarks;

/// <summary>The partner's side of the AS2 load: its certificates and its messages, built with .NET's CMS alone.</summary>
internal static partial class As2Load
{
    private const string Sha256 = "2.16.840.1.101.3.4.2.1";
    private const string Aes256Cbc = "2.16.840.1.101.3.4.1.42";

    /// <summary>One message ready to post: its Message-ID, the enveloped-data DER, the MIC the MDN must return, and the EDI's size.</summary>
    private sealed record Message(string MessageId, byte[] Body, string Mic, int Payload);

    /// <summary>The partner's key pair (it signs) and our certificate (the partner encrypts to it).</summary>
    private sealed record Certificates(X509Certificate2 Partner, X509Certificate2 Ours);

    /// <summary>Two RSA-2048 self-signed certificates; writes the partner's .cer and our .pfx with its password file.</summary>
    private static Certificates CreateCertificates(string certs)
    {
        Directory.CreateDirectory(certs);
        string password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var partner = SelfSigned("ACME AS2 load partner", password);
        var ours = SelfSigned("DISTRIBUTOR AS2 load", password);
        File.WriteAllBytes(Path.Combine(certs, "partner.cer"), partner.Export(X509ContentType.Cert));
        File.WriteAllBytes(Path.Combine(certs, "ours.pfx"), ours.Export(X509ContentType.Pkcs12, password));
        File.WriteAllText(Path.Combine(certs, "ours.pass"), password);
        return new Certificates(partner, X509CertificateLoader.LoadCertificate(ours.Export(X509ContentType.Cert)));
    }

    private static X509Certificate2 SelfSigned(string name, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: false));
        var now = TimeProvider.System.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        // Through PKCS#12 so the key outlives the RSA object above.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12, password), password, X509KeyStorageFlags.Exportable);
    }

    /// <summary>
    /// An 850 of about 20 KB with its own ISA13, GS06 and PO number, wrapped as a partner's AS2 software does: a MIME
    /// entity (CRLF headers), signed (detached SHA-256, multipart/signed), then enveloped to us with AES-256-CBC.
    /// </summary>
    private static Message Build(int number, Certificates certificates)
    {
        string edi = EndToEnd.SingleOrder(number, OrderLines);
        byte[] payload = Encoding.ASCII.GetBytes(
            "Content-Type: application/edi-x12\r\nContent-Transfer-Encoding: binary\r\n" +
            $"Content-Disposition: attachment; filename=\"po-{number}.x12\"\r\n\r\n{edi}");
        var signed = new SignedCms(new ContentInfo(payload), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificates.Partner)
        {
            DigestAlgorithm = new Oid(Sha256),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        signer.SignedAttributes.Add(new Pkcs9SigningTime(TimeProvider.System.GetUtcNow().UtcDateTime));
        signed.ComputeSignature(signer);
        string boundary = $"----=_Part_load_{number}";
        using var entity = new MemoryStream(payload.Length + 4096);
        Write(entity, $"Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256; boundary=\"{boundary}\"\r\n\r\n--{boundary}\r\n");
        entity.Write(payload);
        Write(entity, $"\r\n--{boundary}\r\nContent-Type: application/pkcs7-signature; name=smime.p7s\r\nContent-Transfer-Encoding: base64\r\n" +
            "Content-Disposition: attachment; filename=smime.p7s\r\n\r\n");
        Write(entity, Convert.ToBase64String(signed.Encode(), Base64FormattingOptions.InsertLineBreaks));
        Write(entity, $"\r\n--{boundary}--\r\n");
        var envelope = new EnvelopedCms(new ContentInfo(entity.ToArray()), new AlgorithmIdentifier(new Oid(Aes256Cbc)));
        envelope.Encrypt(new CmsRecipient(SubjectIdentifierType.IssuerAndSerialNumber, certificates.Ours));
        // RFC 4130 §7.3.1: the MIC of a signed message is over the signed part, headers included.
        string mic = Convert.ToBase64String(SHA256.HashData(payload)) + ", sha-256";
        return new Message($"<as2-load-{number}@acme.example>", envelope.Encode(), mic, edi.Length);
    }

    // About 20 KB of X12: 250 PO1/PID pairs.
    private const int OrderLines = 250;

    private static void Write(Stream stream, string text) => stream.Write(Encoding.ASCII.GetBytes(text));

    /// <summary>Checks a signed MDN fully: its signature verifies over the report and is made by our certificate.</summary>
    private static string VerifySignature(string contentType, byte[] body, X509Certificate2 ours)
    {
        string boundary = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType).Parameters
            .First(p => p.Name.Equals("boundary", StringComparison.OrdinalIgnoreCase)).Value!.Trim('"');
        string text = Encoding.Latin1.GetString(body);
        string delimiter = $"--{boundary}\r\n";
        int first = text.IndexOf(delimiter, StringComparison.Ordinal) + delimiter.Length;
        int second = text.IndexOf("\r\n" + delimiter, first, StringComparison.Ordinal);
        int signatureStart = text.IndexOf("\r\n\r\n", second + delimiter.Length, StringComparison.Ordinal) + 4;
        int close = text.IndexOf($"--{boundary}--", signatureStart, StringComparison.Ordinal);
        var cms = new SignedCms(new ContentInfo(body[first..second]), detached: true);
        cms.Decode(Convert.FromBase64String(text[signatureStart..close]));
        cms.CheckSignature(new X509Certificate2Collection(ours), verifySignatureOnly: true);
        var signerInfo = cms.SignerInfos[0];
        return signerInfo.Certificate?.Thumbprint == ours.Thumbprint
            ? string.Create(CultureInfo.InvariantCulture, $"verifies, signed by our certificate with {signerInfo.DigestAlgorithm.FriendlyName ?? signerInfo.DigestAlgorithm.Value}")
            : $"signed by {signerInfo.Certificate?.Subject ?? "an unknown certificate"}, not ours";
    }
}
