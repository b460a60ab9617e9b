using System.Net;
using System.Text;
using Gateway.Host.Tracking;
using Gateway.Tests.Support;

namespace Gateway.Tests.Host.As2;

/// <summary>
/// Receiving AS2 with openssl as the independent sender: messages built only by openssl are accepted, stored durably
/// and answered with an MDN that openssl verifies and whose MIC equals openssl's digest of the signed part; every
/// refusal gets its RFC disposition and delivers nothing.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class As2ReceiveTests
{
    private As2Partnership _as2 = null!;
    private int _interchange = 100;

    [OneTimeSetUp]
    public async Task StartAsync() => _as2 = await As2Partnership.StartAsync(as2Extra: "    maxMessageSizeMb: 2");

    [OneTimeTearDown]
    public async Task StopAsync() => await _as2.DisposeAsync();

    private TestGateway Gateway => _as2.Gateway;

    /// <summary>An 850 with its own interchange control number and PO number, so tests sharing the gateway never look like duplicates.</summary>
    private (string Edi, string Po) Order()
    {
        int number = Interlocked.Increment(ref _interchange);
        string po = $"AS2PO{number}";
        string edi = X12Samples.PurchaseOrders()
            .Replace("*000000001*", $"*{number:000000000}*", StringComparison.Ordinal)
            .Replace("IEA*1*000000001", $"IEA*1*{number:000000000}", StringComparison.Ordinal)
            .Replace("PO000001", po, StringComparison.Ordinal);
        return (edi, po);
    }

    private Task WaitForOrder(string po) => TestGateway.WaitUntil(() => Gateway.Erp.Calls.Any(c => c.Body.Contains(po, StringComparison.Ordinal)), $"the ERP call for {po}");

    private async Task<Dictionary<string, string>> ExpectProcessedAsync(HttpResponseMessage response, byte[] signedByPartner)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        byte[] mdn = await As2Partnership.EntityAsync(response);
        Assert.That(await OpensslPeer.SmimeVerifiesAsync(mdn, _as2.Ours), Is.True, "openssl verifies the MDN as signed by the gateway's certificate");
        var fields = As2Partnership.MdnFields(mdn);
        Assert.That(fields["Disposition"], Is.EqualTo("automatic-action/MDN-sent-automatically; processed"));
        string mic = await OpensslPeer.DigestBase64Async(OpensslPeer.ExtractFirstPart(signedByPartner));
        Assert.That(fields["Received-Content-MIC"], Is.EqualTo($"{mic}, sha-256"), "the MIC is openssl's digest of the signed part");
        Assert.That(response.Headers.GetValues("AS2-From").Single(), Is.EqualTo(As2Partnership.OurAs2Id));
        return fields;
    }

    [TestCase("aes256", null, "SMIME", TestName = "Signed_and_encrypted_by_openssl_PKCS1_AES256_base64_is_accepted_and_the_MDN_verifies")]
    [TestCase("aes128", "sha256", "DER", TestName = "Signed_and_encrypted_by_openssl_OAEP_AES128_binary_is_accepted_and_the_MDN_verifies")]
    [TestCase("aes-256-gcm", null, "DER", TestName = "Signed_and_encrypted_by_openssl_AES256_GCM_is_accepted_and_the_MDN_verifies")]
    [TestCase("aes192", "sha1", "SMIME", TestName = "Signed_and_encrypted_by_openssl_OAEP_SHA1_AES192_is_accepted_and_the_MDN_verifies")]
    public async Task Message_built_by_openssl_is_accepted(string cipher, string? oaep, string outform)
    {
        var (edi, po) = Order();
        byte[] signed = await OpensslPeer.SignAsync(As2Partnership.PayloadEntity(edi), _as2.Partner);
        byte[] message = await OpensslPeer.EncryptAsync(signed, _as2.Ours, cipher, oaep, outform);
        string messageId = As2Partnership.NewMessageId();

        using var response = await _as2.PostAsync(message, messageId, contentType: outform == "DER" ? "application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m" : null);

        var fields = await ExpectProcessedAsync(response, signed);
        Assert.That(fields["Original-Message-ID"], Is.EqualTo(messageId));
        await WaitForOrder(po);
        var receipt = Gateway.Store.QueryDocuments(new DocumentQuery { PartnerId = As2Partnership.PartnerId, BusinessReference = po }).Single();
        Assert.That(Gateway.Store.FindReceipt(receipt.ReceiptId)!.Transport, Is.EqualTo("as2"));
    }

    [Test]
    public async Task Compressed_before_signing_by_BouncyCastle_is_accepted_with_the_MIC_over_the_compressed_part()
    {
        var (edi, po) = Order();
        byte[] compressed = BouncyCompression.Compress(As2Partnership.PayloadEntity(edi));
        byte[] signed = await OpensslPeer.SignAsync(compressed, _as2.Partner);
        byte[] message = await OpensslPeer.EncryptAsync(signed, _as2.Ours);

        using var response = await _as2.PostAsync(message);

        await ExpectProcessedAsync(response, signed);
        await WaitForOrder(po);
    }

    [Test]
    public async Task Compressed_after_signing_by_BouncyCastle_is_accepted()
    {
        var (edi, po) = Order();
        byte[] signed = await OpensslPeer.SignAsync(As2Partnership.PayloadEntity(edi), _as2.Partner);
        byte[] message = await OpensslPeer.EncryptAsync(BouncyCompression.Compress(signed), _as2.Ours);

        using var response = await _as2.PostAsync(message);

        await ExpectProcessedAsync(response, signed);
        await WaitForOrder(po);
    }

    [Test]
    public async Task A_repeated_Message_ID_gets_the_original_MDN_and_is_not_processed_again()
    {
        var (edi, po) = Order();
        byte[] message = await _as2.SignedAndEncryptedAsync(edi);
        string messageId = As2Partnership.NewMessageId();
        using var first = await _as2.PostAsync(message, messageId);
        await WaitForOrder(po);
        int receipts = Gateway.Store.QueryDocuments(new DocumentQuery { PartnerId = As2Partnership.PartnerId }).Count;

        using var second = await _as2.PostAsync(message, messageId);

        Assert.That(await second.Content.ReadAsByteArrayAsync(), Is.EqualTo(await first.Content.ReadAsByteArrayAsync()), "the very MDN of the first attempt");
        await Task.Delay(1500);
        Assert.That(Gateway.Erp.Calls.Count(c => c.Body.Contains(po, StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(Gateway.Store.QueryDocuments(new DocumentQuery { PartnerId = As2Partnership.PartnerId }), Has.Count.EqualTo(receipts));
    }

    [Test]
    public async Task A_Message_ID_refused_before_is_processed_when_sent_again_correctly()
    {
        var (edi, po) = Order();
        string messageId = As2Partnership.NewMessageId();
        using var refused = await _as2.PostAsync(await _as2.SignedAndEncryptedAsync(edi, signer: _as2.Stranger), messageId);
        Assert.That(As2Partnership.MdnFields(await As2Partnership.EntityAsync(refused))["Disposition"], Does.EndWith("processed/error: authentication-failed"));

        byte[] signed = await OpensslPeer.SignAsync(As2Partnership.PayloadEntity(edi), _as2.Partner);
        using var accepted = await _as2.PostAsync(await OpensslPeer.EncryptAsync(signed, _as2.Ours), messageId);

        await ExpectProcessedAsync(accepted, signed);
        await WaitForOrder(po);
    }

    public enum Refusal
    {
        EncryptedButNotSigned,
        SignedButNotEncrypted,
        SignedByAnotherCertificate,
        ContentChangedAfterSigning,
        UnknownPartnership,
        MessageIdWithSpace,
        Sha1Signature,
        TripleDesEncryption,
        Md5OnlyMicRequested,
        EncryptedToAnotherCertificate,
        CompressionBomb,
        CorruptCompressedData,
    }

    [TestCase(Refusal.EncryptedButNotSigned, "processed/error: insufficient-message-security")]
    [TestCase(Refusal.SignedButNotEncrypted, "processed/error: insufficient-message-security")]
    [TestCase(Refusal.SignedByAnotherCertificate, "processed/error: authentication-failed")]
    [TestCase(Refusal.ContentChangedAfterSigning, "processed/error: integrity-check-failed")]
    [TestCase(Refusal.UnknownPartnership, "processed/error: unknown-trading-relationship")]
    [TestCase(Refusal.MessageIdWithSpace, "processed/error: invalid-message-id")]
    [TestCase(Refusal.Sha1Signature, "processed/error: insufficient-message-security")]
    [TestCase(Refusal.TripleDesEncryption, "processed/error: insufficient-message-security")]
    [TestCase(Refusal.Md5OnlyMicRequested, "failed/Failure: unsupported MIC-algorithms")]
    [TestCase(Refusal.EncryptedToAnotherCertificate, "processed/error: decryption-failed")]
    [TestCase(Refusal.CompressionBomb, "processed/error: decompression-failed")]
    [TestCase(Refusal.CorruptCompressedData, "processed/error: decompression-failed")]
    public async Task Refused_message_gets_its_disposition_is_quarantined_and_delivers_nothing(Refusal refusal, string disposition)
    {
        var (edi, po) = Order();
        byte[] entity = As2Partnership.PayloadEntity(edi);
        string messageId = As2Partnership.NewMessageId();
        string from = As2Partnership.PartnerAs2Id;
        string options = "signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, sha-256";
        byte[] message = refusal switch
        {
            Refusal.EncryptedButNotSigned => await OpensslPeer.EncryptAsync(entity, _as2.Ours),
            Refusal.SignedButNotEncrypted => await OpensslPeer.SignAsync(entity, _as2.Partner),
            Refusal.SignedByAnotherCertificate => await _as2.SignedAndEncryptedAsync(edi, signer: _as2.Stranger),
            Refusal.ContentChangedAfterSigning => await OpensslPeer.EncryptAsync(Tamper(await OpensslPeer.SignAsync(entity, _as2.Partner), po), _as2.Ours),
            Refusal.UnknownPartnership => await _as2.SignedAndEncryptedAsync(edi),
            Refusal.MessageIdWithSpace => await _as2.SignedAndEncryptedAsync(edi),
            Refusal.Sha1Signature => await _as2.SignedAndEncryptedAsync(edi, digest: "sha1"),
            Refusal.TripleDesEncryption => await _as2.SignedAndEncryptedAsync(edi, cipher: "des3"),
            Refusal.Md5OnlyMicRequested => await _as2.SignedAndEncryptedAsync(edi),
            Refusal.EncryptedToAnotherCertificate => await OpensslPeer.EncryptAsync(await OpensslPeer.SignAsync(entity, _as2.Partner), _as2.Stranger),
            Refusal.CompressionBomb => await OpensslPeer.EncryptAsync(await OpensslPeer.SignAsync(BouncyCompression.Compress(Bomb()), _as2.Partner), _as2.Ours),
            Refusal.CorruptCompressedData => await OpensslPeer.EncryptAsync(await OpensslPeer.SignAsync(CorruptCompressed(entity), _as2.Partner), _as2.Ours),
            _ => throw new ArgumentOutOfRangeException(nameof(refusal)),
        };
        if (refusal == Refusal.UnknownPartnership)
        {
            from = "STRANGER";
        }
        if (refusal == Refusal.MessageIdWithSpace)
        {
            messageId = "<bad id@acme.example>";
        }
        if (refusal == Refusal.Md5OnlyMicRequested)
        {
            options = "signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, md5";
        }
        int quarantined = Quarantined();

        using var response = await _as2.PostAsync(message, messageId, from: from, options: options);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "an MDN travels in HTTP 200 even when it reports an error");
        var fields = As2Partnership.MdnFields(await As2Partnership.EntityAsync(response));
        Assert.That(fields["Disposition"], Is.EqualTo("automatic-action/MDN-sent-automatically; " + disposition));
        Assert.That(fields.ContainsKey("Received-Content-MIC"), Is.False, "no MIC vouches for content that was refused");
        if (refusal == Refusal.MessageIdWithSpace)
        {
            Assert.That(fields.ContainsKey("Original-Message-ID"), Is.False, "a malformed Message-ID is never echoed");
        }
        Assert.That(Quarantined(), Is.EqualTo(quarantined + 1), "the body is kept, as quarantined");
        await Task.Delay(500);
        Assert.That(Gateway.Erp.Calls.Any(c => c.Body.Contains(po, StringComparison.Ordinal)), Is.False, "nothing is delivered");
    }

    [Test]
    public async Task A_body_over_the_partnership_limit_is_refused_before_it_is_read()
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, _as2.ListenerUrl) { Content = new ByteArrayContent(new byte[3 * 1024 * 1024]) };
        request.Headers.TryAddWithoutValidation("AS2-From", $"\"{As2Partnership.PartnerAs2Id}\"");
        request.Headers.TryAddWithoutValidation("AS2-To", As2Partnership.OurAs2Id);
        request.Headers.TryAddWithoutValidation("Message-ID", As2Partnership.NewMessageId());
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/pkcs7-mime; smime-type=enveloped-data");
        int quarantined = Quarantined();

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(Quarantined(), Is.EqualTo(quarantined), "nothing was read, so nothing is stored");
    }

    [Test]
    public async Task The_partner_listener_serves_nothing_but_AS2_and_health()
    {
        using var client = new HttpClient();
        string root = _as2.ListenerUrl[..^"/as2".Length];
        Assert.That((await client.GetAsync(root + "/health")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        foreach (string path in new[] { "/", "/api/outbound/acme-as2/856", "/sandbox/erp/orders", "/as2" })
        {
            using var response = await client.GetAsync(root + path);
            Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed), path);
        }
        using var api = await client.PostAsync(root + "/api/outbound/acme-as2/856", new StringContent("{}"));
        Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the admin API is not on the partner listener");
    }

    private int Quarantined() => Gateway.Store.QueryDocuments(new DocumentQuery { Status = DocumentStatus.Quarantined }).Count;

    // One character of the signed content changed after openssl signed it: the PO number's last digit.
    private static byte[] Tamper(byte[] signed, string po)
    {
        string text = Encoding.Latin1.GetString(signed);
        int at = text.IndexOf(po, StringComparison.Ordinal);
        return Encoding.Latin1.GetBytes(text[..at] + po[..^1] + (po[^1] == '9' ? '8' : '9') + text[(at + po.Length)..]);
    }

    // 50 MB of zeros compresses to about 50 KB: far more than the 2 MB this partnership accepts.
    private static byte[] Bomb()
    {
        byte[] header = Encoding.ASCII.GetBytes("Content-Type: application/edi-x12\r\n\r\n");
        return [.. header, .. new byte[50 * 1024 * 1024]];
    }

    private static byte[] CorruptCompressed(byte[] entity)
    {
        byte[] compressed = BouncyCompression.Compress(entity);
        string text = Encoding.ASCII.GetString(compressed);
        int body = text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        for (int i = body + 40; i < compressed.Length; i += 7)
        {
            compressed[i] ^= 0x5A;
        }
        return compressed;
    }
}
