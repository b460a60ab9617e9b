using System.Net;
using System.Text;
using Gateway.Host.Outbound;
using Gateway.Host.Tracking;
using Gateway.Partners.Loading;
using Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Host.As2;

/// <summary>
/// Sending AS2 with openssl as the independent receiver: the 997 the gateway sends for an 850 is decrypted and
/// verified by openssl, and the delivery closes only on the partner's signed MDN with the same MIC; failures retry
/// with the same Message-ID or stop with the reason.
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class As2SendTests
{
    private As2Partnership _as2 = null!;
    private int _interchange = 500;

    [OneTimeSetUp]
    public async Task StartAsync() => _as2 = await As2Partnership.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _as2.DisposeAsync();

    [SetUp]
    public void Clear()
    {
        _as2.Received.Clear();
        _as2.Answer = (_, _) => Task.FromResult<(int, string?, byte[])>((200, null, []));
    }

    private TestGateway Gateway => _as2.Gateway;

    /// <summary>Posts an 850 to the gateway over AS2; the gateway answers it with a 997 over AS2.</summary>
    private async Task<string> SendOrderAsync()
    {
        int number = Interlocked.Increment(ref _interchange);
        string edi = X12Samples.PurchaseOrders()
            .Replace("*000000001*", $"*{number:000000000}*", StringComparison.Ordinal)
            .Replace("IEA*1*000000001", $"IEA*1*{number:000000000}", StringComparison.Ordinal)
            .Replace("PO000001", $"SENDPO{number}", StringComparison.Ordinal);
        using var response = await _as2.PostAsync(await _as2.SignedAndEncryptedAsync(edi));
        Assert.That(As2Partnership.MdnFields(await As2Partnership.EntityAsync(response))["Disposition"], Does.EndWith("; processed"));
        return $"{number:000000000}";
    }

    /// <summary>What the partner does with the gateway's post: openssl decrypts and verifies it; returns the signed entity and the EDI.</summary>
    private async Task<(byte[] Signed, string Edi)> OpenAsync(Dictionary<string, string> headers, byte[] body)
    {
        Assert.That(headers["content-type"], Does.StartWith("application/pkcs7-mime; smime-type=").And.Contain("nveloped-data"));
        byte[] signed = await OpensslPeer.DecryptAsync(body, _as2.Partner, inform: "DER");
        byte[] payload = await OpensslPeer.VerifyDetachedAsync(signed, _as2.Ours);
        return (signed, Encoding.ASCII.GetString(payload));
    }

    private OutboundRecord Sent(string messageId) => Gateway.Store.FindOutboundByMessageId(messageId) ?? throw new AssertionException($"no outbound record for {messageId}");

    private async Task<OutboundRecord> WaitForStatusAsync(string messageId, string status)
    {
        await TestGateway.WaitUntil(() => Gateway.Store.FindOutboundByMessageId(messageId)?.Status == status, $"{messageId} {status}");
        return Sent(messageId);
    }

    [Test]
    public async Task The_997_is_decrypted_and_verified_by_openssl_and_closed_by_the_partners_signed_MDN()
    {
        string? mic = null;
        string? edi = null;
        _as2.Answer = async (headers, body) =>
        {
            (byte[] signed, edi) = await OpenAsync(headers, body);
            mic = await OpensslPeer.DigestBase64Async(OpensslPeer.ExtractFirstPart(signed)) + ", sha-256";
            var (type, mdn) = await _as2.PartnerMdnAsync(headers["message-id"], mic);
            return (200, type, mdn);
        };

        await SendOrderAsync();

        await TestGateway.WaitUntil(() => !_as2.Received.IsEmpty, "the gateway's post");
        var (headers, _, _) = _as2.Received.Single();
        var sent = await WaitForStatusAsync(headers["message-id"], "TransportAcknowledged");
        Assert.That(edi, Does.Contain("ST*997*"), "the content openssl verified is the 997");
        Assert.That(sent.ExpectedMic, Is.EqualTo(mic), "our MIC is openssl's digest of the signed part");
        Assert.That(sent.Timeline.Select(e => e.Step), Is.EqualTo(new[] { "Sent", "TransportAcknowledged" }));
        Assert.That(headers["as2-from"], Is.EqualTo(As2Partnership.OurAs2Id));
        Assert.That(headers["as2-to"], Is.EqualTo($"\"{As2Partnership.PartnerAs2Id}\""));
        Assert.That(headers["disposition-notification-options"], Is.EqualTo("signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, sha-256"));
        Assert.That(await OpensslPeer.DescribeAsync(_as2.Received.Single().Body, inform: "DER"), Does.Contain("aes-256-cbc"));
    }

    [Test]
    public async Task An_MDN_with_another_MIC_fails_the_delivery_with_the_reason()
    {
        _as2.Answer = async (headers, body) =>
        {
            await OpenAsync(headers, body);
            var (type, mdn) = await _as2.PartnerMdnAsync(headers["message-id"], "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=, sha-256");
            return (200, type, mdn);
        };

        await SendOrderAsync();

        await TestGateway.WaitUntil(() => !_as2.Received.IsEmpty, "the gateway's post");
        var sent = await WaitForStatusAsync(_as2.Received.Single().Headers["message-id"], "SendFailed");
        Assert.That(sent.LastError, Does.Contain("Received-Content-MIC"));
    }

    [Test]
    public async Task An_error_MDN_fails_the_delivery_and_is_not_retried()
    {
        _as2.Answer = async (headers, _) =>
        {
            var (type, mdn) = await _as2.PartnerMdnAsync(headers["message-id"], "", "automatic-action/MDN-sent-automatically; processed/error: decryption-failed");
            return (200, type, mdn);
        };

        await SendOrderAsync();

        await TestGateway.WaitUntil(() => !_as2.Received.IsEmpty, "the gateway's post");
        var sent = await WaitForStatusAsync(_as2.Received.Single().Headers["message-id"], "SendFailed");
        Assert.That(sent.LastError, Does.Contain("decryption-failed"));
        await Task.Delay(2500);
        Assert.That(_as2.Received, Has.Count.EqualTo(1));
    }

    [TestCase(503)]
    [TestCase(429)]
    public async Task A_transient_answer_is_retried_with_the_same_Message_ID(int status)
    {
        int posts = 0;
        _as2.Answer = async (headers, body) =>
        {
            if (Interlocked.Increment(ref posts) == 1)
            {
                return (status, null, []);
            }
            var (signed, _) = await OpenAsync(headers, body);
            var (type, mdn) = await _as2.PartnerMdnAsync(headers["message-id"], await OpensslPeer.DigestBase64Async(OpensslPeer.ExtractFirstPart(signed)) + ", sha-256");
            return (200, type, mdn);
        };

        await SendOrderAsync();

        await TestGateway.WaitUntil(() => !_as2.Received.IsEmpty, "the first post");
        string messageId = _as2.Received.Single().Headers["message-id"];
        await TestGateway.WaitUntil(() => Sent(messageId).Attempts == 1 && Sent(messageId).Status == "Queued", "the failure recorded");
        Assert.That(Sent(messageId).LastError, Does.Contain($"HTTP {status}"));
        // Skip the backoff wait (30 s) instead of sleeping through it.
        var retry = Sent(messageId);
        retry.NextAttemptAt = null;
        Gateway.Store.Save(retry);
        Gateway.Services.GetRequiredService<OutboundSignal>().Notify();

        await WaitForStatusAsync(messageId, "TransportAcknowledged");
        Assert.That(_as2.Received.Select(r => r.Headers["message-id"]), Is.EqualTo(new[] { messageId, messageId }));
    }

    [Test]
    public async Task A_refusing_partner_stops_the_delivery_without_retry()
    {
        _as2.Answer = (_, _) => Task.FromResult<(int, string?, byte[])>((403, null, []));

        await SendOrderAsync();

        await TestGateway.WaitUntil(() => !_as2.Received.IsEmpty, "the gateway's post");
        var sent = await WaitForStatusAsync(_as2.Received.Single().Headers["message-id"], "SendFailed");
        Assert.That(sent.LastError, Does.Contain("HTTP 403"));
    }

    [Test]
    public async Task AES_GCM_is_sent_as_auth_enveloped_data_that_openssl_decrypts()
    {
        await UseProfileAsync("    encryption: aes256gcm", p => p.Transports.As2!.Encryption.ToString() == "Aes256Gcm");
        string? edi = null;
        _as2.Answer = async (headers, body) =>
        {
            (byte[] signed, edi) = await OpenAsync(headers, body);
            var (type, mdn) = await _as2.PartnerMdnAsync(headers["message-id"], await OpensslPeer.DigestBase64Async(OpensslPeer.ExtractFirstPart(signed)) + ", sha-256");
            return (200, type, mdn);
        };
        try
        {
            await SendOrderAsync();

            await TestGateway.WaitUntil(() => !_as2.Received.IsEmpty, "the gateway's post");
            var (headers, body, _) = _as2.Received.Single();
            await WaitForStatusAsync(headers["message-id"], "TransportAcknowledged");
            Assert.That(headers["content-type"], Does.Contain("smime-type=authEnveloped-data"));
            Assert.That(await OpensslPeer.DescribeAsync(body, inform: "DER"), Does.Contain("aes-256-gcm"));
            Assert.That(edi, Does.Contain("ST*997*"));
        }
        finally
        {
            await UseProfileAsync("", p => p.Transports.As2!.Encryption.ToString() == "Aes256");
        }
    }

    [TestCase("beforeSigning")]
    [TestCase("afterSigning")]
    public async Task Compressed_messages_are_read_by_BouncyCastle_and_verified_by_openssl(string compression)
    {
        await UseProfileAsync($"    compression: {compression}\n    encryption: aes128", p => p.Transports.As2!.Compression.ToString() != "None");
        string? edi = null;
        string? mic = null;
        _as2.Answer = async (headers, body) =>
        {
            byte[] decrypted = await OpensslPeer.DecryptAsync(body, _as2.Partner, inform: "DER");
            byte[] signed = compression == "afterSigning" ? BouncyCompression.Decompress(Body(decrypted)) : decrypted;
            byte[] signedContent = await OpensslPeer.VerifyDetachedAsync(signed, _as2.Ours);
            edi = Encoding.ASCII.GetString(compression == "beforeSigning" ? BouncyCompression.Decompress(Body(signedContent)) : signedContent);
            mic = await OpensslPeer.DigestBase64Async(OpensslPeer.ExtractFirstPart(signed)) + ", sha-256";
            var (type, mdn) = await _as2.PartnerMdnAsync(headers["message-id"], mic);
            return (200, type, mdn);
        };
        try
        {
            await SendOrderAsync();

            await TestGateway.WaitUntil(() => !_as2.Received.IsEmpty, "the gateway's post");
            await WaitForStatusAsync(_as2.Received.Single().Headers["message-id"], "TransportAcknowledged");
            Assert.That(edi, Does.Contain("ST*997*"));
        }
        finally
        {
            await UseProfileAsync("", p => p.Transports.As2!.Compression.ToString() == "None");
        }
    }

    [Test]
    public async Task An_asynchronous_MDN_posted_to_the_partner_listener_closes_the_delivery()
    {
        string mdnUrl = _as2.ListenerUrl + "/mdn";
        await UseProfileAsync($"    mdn: async\n    asyncMdnUrl: {mdnUrl}", p => p.Transports.As2!.AsyncMdnUrl is not null);
        try
        {
            await SendOrderAsync();
            await TestGateway.WaitUntil(() => !_as2.Received.IsEmpty, "the gateway's post");
            var (headers, body, _) = _as2.Received.Single();
            Assert.That(headers["receipt-delivery-option"], Is.EqualTo(mdnUrl));
            string messageId = headers["message-id"];
            await WaitForStatusAsync(messageId, "Sent");
            var (signed, _) = await OpenAsync(headers, body);
            var (type, mdn) = await _as2.PartnerMdnAsync(messageId, await OpensslPeer.DigestBase64Async(OpensslPeer.ExtractFirstPart(signed)) + ", sha-256");

            var refused = await As2Partnership.PostMdnAsync(mdnUrl, "multipart/report; report-type=disposition-notification; boundary=\"rpt\"", UnsignedReport(messageId));
            Assert.That(refused, Is.EqualTo(HttpStatusCode.BadRequest), "an unsigned MDN proves nothing");
            Assert.That(Sent(messageId).Status, Is.EqualTo("Sent"), "and changes nothing");

            var answer = await As2Partnership.PostMdnAsync(mdnUrl, type, mdn);

            Assert.That(answer, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Sent(messageId).Status, Is.EqualTo("TransportAcknowledged"));
        }
        finally
        {
            await UseProfileAsync("", p => p.Transports.As2!.AsyncMdnUrl is null);
        }
    }

    // Some partners send the asynchronous MDN before they answer the post itself: the gateway then hears of the
    // receipt before it has recorded the send, and the receipt must survive the send's record.
    [Test]
    public async Task An_asynchronous_MDN_that_comes_before_the_posts_answer_still_closes_the_delivery()
    {
        string mdnUrl = _as2.ListenerUrl + "/mdn";
        await UseProfileAsync($"    mdn: async\n    asyncMdnUrl: {mdnUrl}", p => p.Transports.As2!.AsyncMdnUrl is not null);
        try
        {
            _as2.Answer = async (headers, body) =>
            {
                var (signed, _) = await OpenAsync(headers, body);
                var (type, mdn) = await _as2.PartnerMdnAsync(headers["message-id"], await OpensslPeer.DigestBase64Async(OpensslPeer.ExtractFirstPart(signed)) + ", sha-256");
                Assert.That(await As2Partnership.PostMdnAsync(mdnUrl, type, mdn), Is.EqualTo(HttpStatusCode.OK), "the MDN is taken");
                return (200, null, []);
            };
            await SendOrderAsync();
            await TestGateway.WaitUntil(() => !_as2.Received.IsEmpty, "the gateway's post");
            string messageId = _as2.Received.First().Headers["message-id"];

            // The sender records the post once the partner has answered it, after the MDN.
            await TestGateway.WaitUntil(() => Gateway.Store.FindOutboundByMessageId(messageId)?.Timeline.Any(e => e.Step == "Sent") == true, "the send recorded");
            var sent = Sent(messageId);

            Assert.That(sent.Status, Is.EqualTo("TransportAcknowledged"));
            Assert.That(sent.TransportReceiptDueAt, Is.Null, "no MDN is awaited: it came");
            Assert.That(sent.Timeline.Select(e => e.Step), Does.Contain("TransportAcknowledged").And.Contain("Sent"));
        }
        finally
        {
            await UseProfileAsync("", p => p.Transports.As2!.AsyncMdnUrl is null);
        }
    }

    [Test]
    public async Task An_asynchronous_MDN_we_owe_goes_only_to_the_partners_own_address()
    {
        using var elsewhere = new LoopbackBackend();
        string edi = X12Samples.PurchaseOrders().Replace("*000000001*", "*000000901*", StringComparison.Ordinal).Replace("IEA*1*000000001", "IEA*1*000000901", StringComparison.Ordinal);
        string wanted = $"http://127.0.0.1:{_as2.ServerPort}/as2/mdn";

        using var accepted = await _as2.PostAsync(await _as2.SignedAndEncryptedAsync(edi), receiptDeliveryOption: wanted);
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await accepted.Content.ReadAsByteArrayAsync(), Is.Empty, "the MDN goes asynchronously");
        await TestGateway.WaitUntil(() => _as2.Received.Any(r => r.Path == "/as2/mdn"), "the asynchronous MDN");
        var (headers, mdn, _) = _as2.Received.Single(r => r.Path == "/as2/mdn");
        byte[] entity = As2Partnership.Entity(headers["content-type"], mdn);
        Assert.That(await OpensslPeer.SmimeVerifiesAsync(entity, _as2.Ours), Is.True);
        Assert.That(As2Partnership.MdnFields(entity)["Disposition"], Does.EndWith("; processed"));

        string edi2 = edi.Replace("*000000901*", "*000000902*", StringComparison.Ordinal).Replace("IEA*1*000000901", "IEA*1*000000902", StringComparison.Ordinal);
        using var redirected = await _as2.PostAsync(await _as2.SignedAndEncryptedAsync(edi2), receiptDeliveryOption: elsewhere.BaseUrl + "mdn");
        Assert.That(As2Partnership.MdnFields(await As2Partnership.EntityAsync(redirected))["Disposition"], Does.EndWith("; processed"), "answered in the response instead");
        await Task.Delay(2500);
        Assert.That(elsewhere.Calls, Is.Empty, "no request to a URL the message named freely");
    }

    // What anyone could post: an unsigned report claiming the partner refused the message.
    private static byte[] UnsignedReport(string messageId) => Encoding.ASCII.GetBytes(
        "--rpt\r\nContent-Type: message/disposition-notification\r\n\r\n"
        + $"Original-Message-ID: {messageId}\r\nDisposition: automatic-action/MDN-sent-automatically; processed/error: decryption-failed\r\n\r\n--rpt--\r\n");

    private static byte[] Body(byte[] entity)
    {
        var (_, _, body) = OpensslPeer.SplitHeaders(entity);
        return body;
    }

    private async Task UseProfileAsync(string as2Extra, Func<Gateway.Partners.Profiles.PartnerProfile, bool> loaded)
    {
        _as2.WriteProfile(as2Extra);
        var profiles = Gateway.Services.GetRequiredService<ProfileReloader>();
        await TestGateway.WaitUntil(() => profiles.Current.Find(As2Partnership.PartnerId) is { } p && loaded(p), "the profile reloaded");
    }
}
