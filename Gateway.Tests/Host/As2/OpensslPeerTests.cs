using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Gateway.Tests.Support;

namespace Gateway.Tests.Host.As2;

/// <summary>The openssl peer the AS2 tests trust must itself be right: each helper is checked against another openssl call or against .NET.</summary>
[Category("Integration")]
public sealed class OpensslPeerTests
{
    private static readonly byte[] Entity = Encoding.ASCII.GetBytes(
        "Content-Type: application/edi-x12\r\nContent-Transfer-Encoding: binary\r\n\r\nISA*00*          *00*          *ZZ*PARTNER~\r\nIEA*1*000000001~\r\n");

    private string _directory = null!;

    [SetUp]
    public void SetUp() => _directory = Directory.CreateTempSubdirectory("gateway-openssl-peer-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task Sign_then_verify_returns_the_signed_entity()
    {
        var partner = await OpensslPeer.CreateCertificateAsync(_directory, "partner");
        byte[] signed = await OpensslPeer.SignAsync(Entity, partner);

        Assert.That(OpensslPeer.SplitHeaders(signed).ContentType, Does.StartWith("multipart/signed").And.Contain("micalg=\"sha-256\""));
        Assert.That(await OpensslPeer.VerifyAsync(signed, partner), Is.EqualTo(Entity));
    }

    [Test]
    public async Task Opaque_signature_verifies_too()
    {
        var partner = await OpensslPeer.CreateCertificateAsync(_directory, "partner");
        byte[] signed = await OpensslPeer.SignAsync(Entity, partner, "sha384", detached: false);

        Assert.That(OpensslPeer.SplitHeaders(signed).ContentType, Does.StartWith("application/pkcs7-mime"));
        Assert.That(await OpensslPeer.VerifyAsync(signed, partner), Is.EqualTo(Entity));
    }

    [Test]
    public async Task Verify_against_another_certificate_throws()
    {
        var partner = await OpensslPeer.CreateCertificateAsync(_directory, "partner");
        var other = await OpensslPeer.CreateCertificateAsync(_directory, "other");
        byte[] signed = await OpensslPeer.SignAsync(Entity, other);

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => OpensslPeer.VerifyAsync(signed, partner));
        Assert.That(error.Message, Does.Contain("cms -verify"));
    }

    [TestCase("aes256", null, "SMIME", "aes-256-cbc", "rsaEncryption")]
    [TestCase("aes128", "sha256", "SMIME", "aes-128-cbc", "rsaesOaep")]
    [TestCase("aes-256-gcm", "sha256", "DER", "aes-256-gcm", "rsaesOaep")]
    public async Task Encrypt_then_decrypt_returns_the_entity(string cipher, string? oaepDigest, string format, string contentAlgorithm, string keyAlgorithm)
    {
        var us = await OpensslPeer.CreateCertificateAsync(_directory, "us");
        byte[] encrypted = await OpensslPeer.EncryptAsync(Entity, us, cipher, oaepDigest, format);

        string description = await OpensslPeer.DescribeAsync(encrypted, format);
        Assert.That(description, Does.Contain(contentAlgorithm).And.Contain(keyAlgorithm));
        Assert.That(await OpensslPeer.DecryptAsync(encrypted, us, format), Is.EqualTo(Entity));
    }

    [Test]
    public async Task Decrypt_with_the_wrong_key_throws()
    {
        var us = await OpensslPeer.CreateCertificateAsync(_directory, "us");
        var other = await OpensslPeer.CreateCertificateAsync(_directory, "other");
        byte[] encrypted = await OpensslPeer.EncryptAsync(Entity, other);

        Assert.ThrowsAsync<InvalidOperationException>(() => OpensslPeer.DecryptAsync(encrypted, us));
    }

    [Test]
    public async Task SplitHeaders_gives_the_http_headers_and_body_of_encrypted_output()
    {
        var us = await OpensslPeer.CreateCertificateAsync(_directory, "us");
        byte[] encrypted = await OpensslPeer.EncryptAsync(Entity, us);

        var (contentType, transferEncoding, body) = OpensslPeer.SplitHeaders(encrypted);

        Assert.That(contentType, Does.StartWith("application/pkcs7-mime").And.Contain("smime-type=enveloped-data"));
        Assert.That(transferEncoding, Is.EqualTo("base64"));
        byte[] der = Convert.FromBase64String(Encoding.ASCII.GetString(body));
        Assert.That(await OpensslPeer.DecryptAsync(der, us, "DER"), Is.EqualTo(Entity));
    }

    [Test]
    public void SplitHeaders_unfolds_and_accepts_crlf()
    {
        byte[] message = Encoding.ASCII.GetBytes("MIME-Version: 1.0\r\ncontent-type: multipart/signed;\r\n\tboundary=\"b\"\r\n\r\nbody\r\n");

        var (contentType, transferEncoding, body) = OpensslPeer.SplitHeaders(message);

        Assert.That(contentType, Is.EqualTo("multipart/signed;\tboundary=\"b\""));
        Assert.That(transferEncoding, Is.Null);
        Assert.That(body, Is.EqualTo("body\r\n"u8.ToArray()));
    }

    [Test]
    public async Task ExtractFirstPart_returns_exactly_the_signed_entity()
    {
        var partner = await OpensslPeer.CreateCertificateAsync(_directory, "partner");
        byte[] signed = await OpensslPeer.SignAsync(Entity, partner);

        byte[] part = OpensslPeer.ExtractFirstPart(signed);

        Assert.That(part, Is.EqualTo(Entity));
        Assert.That(await OpensslPeer.DigestBase64Async(part), Is.EqualTo(Convert.ToBase64String(SHA256.HashData(Entity))));
    }

    [Test]
    public void ExtractFirstPart_leaves_the_crlf_before_a_boundary_out()
    {
        byte[] multipart = Encoding.ASCII.GetBytes(
            "Content-Type: multipart/signed; boundary=abc; micalg=sha-256\r\n\r\npreamble\r\n--abc\r\nContent-Type: text/plain\r\n\r\nline\r\n\r\n--abc\r\nsignature\r\n--abc--\r\n");

        Assert.That(Encoding.ASCII.GetString(OpensslPeer.ExtractFirstPart(multipart)), Is.EqualTo("Content-Type: text/plain\r\n\r\nline\r\n"));
    }

    [TestCase("sha256")]
    [TestCase("sha384")]
    public async Task DigestBase64_matches_dotnet(string digest)
    {
        string expected = Convert.ToBase64String(digest == "sha256" ? SHA256.HashData(Entity) : SHA384.HashData(Entity));

        Assert.That(await OpensslPeer.DigestBase64Async(Entity, digest), Is.EqualTo(expected));
    }

    [Test]
    public async Task SmimeVerifies_accepts_a_reassembled_http_message_and_rejects_others()
    {
        var partner = await OpensslPeer.CreateCertificateAsync(_directory, "partner");
        var other = await OpensslPeer.CreateCertificateAsync(_directory, "other");
        var (contentType, _, body) = OpensslPeer.SplitHeaders(await OpensslPeer.SignAsync(Entity, partner));
        byte[] http = [.. Encoding.ASCII.GetBytes($"Content-Type: {contentType}\r\n\r\n"), .. body];
        byte[] tampered = [.. http];
        int payload = http.AsSpan().IndexOf("ISA*00"u8);
        tampered[payload] = (byte)'X';
        // The same part with one line end made bare LF: openssl without -binary would canonicalise it back and accept it.
        byte[] bareLf = [.. http[..payload], .. Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(http[payload..]).Replace("~\r\nIEA", "~\nIEA", StringComparison.Ordinal))];

        Assert.That(await OpensslPeer.SmimeVerifiesAsync(http, partner), Is.True);
        Assert.That(await OpensslPeer.SmimeVerifiesAsync(http, other), Is.False);
        Assert.That(await OpensslPeer.SmimeVerifiesAsync(tampered, partner), Is.False);
        Assert.That(await OpensslPeer.SmimeVerifiesAsync(bareLf, partner), Is.False);
    }

    [Test]
    public async Task Pfx_and_cer_load_in_dotnet()
    {
        var us = await OpensslPeer.CreateCertificateAsync(_directory, "us");

        using var pfx = X509CertificateLoader.LoadPkcs12FromFile(us.PfxPath, us.PfxPassword);
        using var cer = X509CertificateLoader.LoadCertificateFromFile(us.CerPath);
        using var pem = X509Certificate2.CreateFromPemFile(us.CertificatePem, us.KeyPem);
        using RSA? key = pfx.GetRSAPrivateKey();

        Assert.That(pfx.HasPrivateKey, Is.True);
        Assert.That(key?.KeySize, Is.EqualTo(2048));
        Assert.That(pfx.Subject, Is.EqualTo("CN=us"));
        Assert.That(cer.Thumbprint, Is.EqualTo(pfx.Thumbprint));
        Assert.That(pem.Thumbprint, Is.EqualTo(pfx.Thumbprint));
        Assert.That(pfx.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages[0].Value, Is.EqualTo("1.3.6.1.5.5.7.3.4"));
    }

    [Test]
    public async Task Validity_follows_now_start_and_length()
    {
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var future = await OpensslPeer.CreateCertificateAsync(_directory, "future", validDays: 10, startsInDays: 30, now: now);

        using var certificate = X509CertificateLoader.LoadCertificateFromFile(future.CerPath);

        Assert.That(new DateTimeOffset(certificate.NotBefore.ToUniversalTime()), Is.EqualTo(now.AddDays(30)));
        Assert.That(new DateTimeOffset(certificate.NotAfter.ToUniversalTime()), Is.EqualTo(now.AddDays(40)));
    }

    [Test]
    public async Task Openssl_refuses_signatures_by_expired_or_not_yet_valid_certificates()
    {
        var expired = await OpensslPeer.CreateCertificateAsync(_directory, "expired", validDays: 29, startsInDays: -30);
        var future = await OpensslPeer.CreateCertificateAsync(_directory, "future", startsInDays: 30);

        var expiredError = Assert.ThrowsAsync<InvalidOperationException>(async () => await OpensslPeer.VerifyAsync(await OpensslPeer.SignAsync(Entity, expired), expired));
        var futureError = Assert.ThrowsAsync<InvalidOperationException>(async () => await OpensslPeer.VerifyAsync(await OpensslPeer.SignAsync(Entity, future), future));

        Assert.That(expiredError.Message, Does.Contain("expired"));
        Assert.That(futureError.Message, Does.Contain("not yet valid"));
    }
}
