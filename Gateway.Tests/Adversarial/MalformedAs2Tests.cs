using System.Security.Cryptography.X509Certificates;
using System.Text;
using Gateway.Host.Transports.As2;
using Gateway.Partners.Profiles.Transports;
using Gateway.Tests.Support;

namespace Gateway.Tests.Adversarial;

/// <summary>
/// Issue #11 item 2 for AS2: damaged message bodies (outer MIME, the CMS envelope, the signed multipart, the payload
/// entity, the HTTP headers) and damaged MDNs. Every body ends in a disposition: processed, an
/// <see cref="As2FailureException"/> modifier, or the unexpected-processing-error the receiver gives a
/// FormatException or As2KeyException; a body damaged after signing is never processed with another payload.
/// </summary>
[Category("Adversarial")]
[Parallelizable(ParallelScope.Children)]
public class MalformedAs2Tests
{
    private static readonly string[] Modifiers =
    [
        As2FailureException.AuthenticationFailed, As2FailureException.DecryptionFailed, As2FailureException.DecompressionFailed,
        As2FailureException.InsufficientMessageSecurity, As2FailureException.IntegrityCheckFailed, As2FailureException.UnknownTradingRelationship,
        As2FailureException.InvalidMessageId, As2FailureException.UnexpectedProcessingError,
    ];

    private static readonly As2Algorithms.Digest Sha256 = As2Algorithms.Of(As2SigningAlgorithm.Sha256);

    private readonly List<byte[]> _messages = [];
    private string _directory = "";
    private X509Certificate2 _ours = null!;
    private X509Certificate2 _partner = null!;
    private IReadOnlyList<X509Certificate2> _signers = [];
    private As2Settings _encrypted = null!;
    private As2Settings _signedOnly = null!;
    private byte[] _payload = [];
    private byte[] _payloadEntity = [];
    private byte[] _signed = [];
    private byte[] _mdn = [];
    private DateTimeOffset _now;

    [OneTimeSetUp]
    public async Task CreateMessages()
    {
        _now = TimeProvider.System.GetUtcNow();
        _directory = Directory.CreateTempSubdirectory("gateway-adversarial-as2-").FullName;
        var ours = await OpensslPeer.CreateCertificateAsync(_directory, "ours");
        var partner = await OpensslPeer.CreateCertificateAsync(_directory, "partner");
        _ours = X509CertificateLoader.LoadPkcs12FromFile(ours.PfxPath, ours.PfxPassword, X509KeyStorageFlags.EphemeralKeySet);
        _partner = X509CertificateLoader.LoadPkcs12FromFile(partner.PfxPath, partner.PfxPassword, X509KeyStorageFlags.EphemeralKeySet);
        _signers = [X509CertificateLoader.LoadCertificateFromFile(partner.CerPath)];
        _encrypted = Partnership(As2EncryptionAlgorithm.Aes256, As2Compression.None);
        _signedOnly = Partnership(As2EncryptionAlgorithm.None, As2Compression.None);
        string edi = X12Samples.PurchaseOrders();
        _payload = Encoding.ASCII.GetBytes(edi);
        _payloadEntity = As2Partnership.PayloadEntity(edi);

        // A peer that shares no code with the gateway (openssl, CBC and GCM), then the gateway's own packing with compression.
        foreach (string cipher in new[] { "aes256", "aes-128-gcm" })
        {
            byte[] smime = await OpensslPeer.EncryptAsync(await OpensslPeer.SignAsync(_payloadEntity, partner), ours, cipher);
            var (type, encoding, body) = OpensslPeer.SplitHeaders(smime);
            _messages.Add(Request(type, encoding, body).Entity());
        }
        foreach (var (compression, encryption) in new[] { (As2Compression.BeforeSigning, As2EncryptionAlgorithm.Aes128), (As2Compression.AfterSigning, As2EncryptionAlgorithm.Aes256Gcm), (As2Compression.None, As2EncryptionAlgorithm.Aes192) })
        {
            var packed = As2Envelope.Pack(_payload, "application/edi-x12", "po.x12", Partnership(encryption, compression), _partner, _ours, _now);
            _messages.Add(Request(packed.ContentType, packed.TransferEncoding, packed.Body).Entity());
        }
        _signed = As2Envelope.Signed(_payloadEntity, _partner, Sha256, _now);
        _mdn = As2Mdn.Build(new As2Mdn.Report("<1@acme.example>", As2Mdn.Disposition(null), "bWljIG9mIHRoZSBtZXNzYWdl", "sha-256", null), "ACME", null, _partner, Sha256, _now);
    }

    [OneTimeTearDown]
    public void DeleteDirectory()
    {
        _ours?.Dispose();
        _partner?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public void Messages_Undamaged_AreProcessed()
    {
        // The damage means something only if the messages it starts from are good.
        Assert.Multiple(() =>
        {
            foreach (byte[] message in _messages)
            {
                Assert.That(Classify(new FuzzCase("none", message, (int)Layer.Entity)).Outcome, Is.EqualTo("processed"));
            }
            Assert.That(Classify(new FuzzCase("none", _signed, (int)Layer.Signed)).Outcome, Is.EqualTo("processed"));
            Assert.That(ClassifyMdn(_mdn).Outcome, Is.EqualTo("mdn-signed"));
        });
    }

    [Test]
    [CancelAfter(600_000)]
    public void As2_DamagedBodiesAndMdns_EndInADisposition()
    {
        var run = new MalformedInputRun("AS2/MIME", FuzzSettings.CountOf(0.15));
        run.Run(Generate, c => c.Variant == (int)Layer.Mdn ? ClassifyMdn(c.Input) : Classify(c));
        Assert.That(run.Failures, Is.Empty, () => MalformedInputRun.Describe(run.Failures));
        Assert.That(run.Outcomes.Values.Sum() + run.KnownCount, Is.EqualTo(run.Tried));
    }

    private enum Layer
    {
        Entity,
        Cms,
        Signed,
        SignedThenEncrypted,
        SignedThenCompressed,
        Payload,
        Request,
        Mdn,
    }

    private FuzzCase Generate(Random random)
    {
        var layer = (Layer)random.Next(8);
        byte[] message = _messages[random.Next(_messages.Count)];
        switch (layer)
        {
            case Layer.Cms:
                var top = MimeBytes.Read(message);
                byte[] der = MimeDamage.Der(top.DecodedBody(), random);
                bool base64 = random.Next(2) == 0;
                byte[] entity = MimeBytes.Compose([("Content-Type", top.Headers["content-type"]), ("Content-Transfer-Encoding", base64 ? "base64" : "binary")], base64 ? MimeBytes.Base64Lines(der) : der);
                return new FuzzCase("der", entity, (int)layer);
            case Layer.Signed or Layer.SignedThenEncrypted or Layer.SignedThenCompressed:
                var (signedName, signed) = MimeDamage.Apply(_signed, random);
                return new FuzzCase(signedName, layer switch
                {
                    Layer.SignedThenEncrypted => MimeBytes.Compose([("Content-Type", "application/pkcs7-mime; smime-type=enveloped-data"), ("Content-Transfer-Encoding", "binary")], As2Cms.Encrypt(signed, _ours, As2EncryptionAlgorithm.Aes128)),
                    Layer.SignedThenCompressed => MimeBytes.Compose([("Content-Type", "application/pkcs7-mime; smime-type=compressed-data"), ("Content-Transfer-Encoding", "binary")], As2Cms.Compress(signed)),
                    _ => signed,
                }, (int)layer);
            case Layer.Payload:
                var (payloadName, payload) = MimeDamage.Apply(_payloadEntity, random);
                return new FuzzCase(payloadName, As2Envelope.Signed(payload, _partner, Sha256, _now), (int)layer);
            case Layer.Request:
                // What the listener builds from HTTP: the top headers arrive as header fields, possibly damaged on their own.
                var head = MimeBytes.Read(message);
                var (typeName, type) = MimeDamage.Apply(Encoding.Latin1.GetBytes(head.Headers["content-type"]), random);
                byte[] body = random.Next(2) == 0 ? head.Body.ToArray() : Mutations.Apply(head.Body.ToArray(), random);
                return new FuzzCase("header:" + typeName, Request(Encoding.Latin1.GetString(type), head.TransferEncoding, body).Entity(), (int)layer);
            case Layer.Mdn:
                var (mdnName, mdn) = MimeDamage.Apply(_mdn, random);
                return new FuzzCase(mdnName, mdn, (int)layer);
            default:
                var (name, damaged) = MimeDamage.Apply(message, random);
                return new FuzzCase(name, damaged, (int)Layer.Entity);
        }
    }

    private FuzzResult Classify(FuzzCase fuzzCase)
    {
        var layer = (Layer)fuzzCase.Variant;
        var partnership = layer is Layer.Signed or Layer.SignedThenCompressed or Layer.Payload ? _signedOnly : _encrypted;
        try
        {
            var opened = As2Envelope.Open(fuzzCase.Input, partnership, _ours, _signers, Sha256);
            // Damage after signing must never reach intake as content: the signature covers it.
            OracleException.Check(layer == Layer.Payload || opened.Payload.AsSpan().SequenceEqual(_payload), "processed a body damaged after signing, with another payload");
            OracleException.Check(opened.Signed, "processed an unsigned message");
            return "processed";
        }
        catch (As2FailureException failure)
        {
            OracleException.Check(Modifiers.Contains(failure.Modifier), $"unknown disposition modifier: {failure.Modifier}");
            OracleException.Check(!string.IsNullOrWhiteSpace(failure.Detail), $"a disposition without detail: {failure.Modifier}");
            return failure.Modifier;
        }
        catch (Exception exception) when (exception is As2KeyException or FormatException)
        {
            // As2Receiver answers these with unexpected-processing-error.
            return "format-error";
        }
    }

    private FuzzResult ClassifyMdn(byte[] entity)
    {
        try
        {
            var received = As2Mdn.Read(entity, _encrypted, _signers);
            OracleException.Check(received.Report.Disposition.Length > 0, "an MDN read without a disposition");
            return received.Signed ? "mdn-signed" : "mdn-unsigned";
        }
        catch (Exception exception) when (exception is As2FailureException or FormatException)
        {
            // As2Outbox.ReceiveMdn answers 400.
            return "mdn-refused";
        }
    }

    private static As2Request Request(string contentType, string? transferEncoding, byte[] body)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["content-type"] = contentType };
        if (transferEncoding is not null)
        {
            headers["content-transfer-encoding"] = transferEncoding;
        }
        return new As2Request(headers, body);
    }

    private static As2Settings Partnership(As2EncryptionAlgorithm encryption, As2Compression compression) => new()
    {
        PartnerAs2Id = "ACME",
        OurAs2Id = "DISTRIBUTOR",
        Url = "https://as2.acme.example/receive",
        PartnerCertificate = "partner.cer",
        Encryption = encryption,
        Compression = compression,
        MaxMessageSizeMb = 1,
    };
}
