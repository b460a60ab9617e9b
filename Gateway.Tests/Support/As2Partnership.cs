using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Gateway.Tests.Support;

/// <summary>
/// An AS2 partnership between a <see cref="TestGateway"/> and a partner played by openssl: certificates for both
/// sides (and a stranger's), the partner's profile, the gateway's partner listener, and the partner's own AS2
/// server on loopback that records what the gateway posts and answers with what the test scripts.
/// </summary>
internal sealed class As2Partnership : IAsyncDisposable
{
    public const string PartnerAs2Id = "ACME AS2";
    public const string OurAs2Id = "DISTRIBUTORAS2";
    public const string PartnerId = "acme-as2";

    private readonly HttpListener _server = new();
    private readonly Task _loop;

    private As2Partnership(TestGateway gateway, PeerCertificate ours, PeerCertificate partner, PeerCertificate stranger)
    {
        Gateway = gateway;
        Ours = ours;
        Partner = partner;
        Stranger = stranger;
        ServerPort = LoopbackBackend.FreePort();
        _server.Prefixes.Add($"http://127.0.0.1:{ServerPort}/");
        _server.Start();
        _loop = Task.Run(LoopAsync);
    }

    public TestGateway Gateway { get; }

    /// <summary>The gateway's key pair.</summary>
    public PeerCertificate Ours { get; }

    /// <summary>The partner's key pair, pinned in its profile.</summary>
    public PeerCertificate Partner { get; }

    /// <summary>A key pair the gateway has never seen.</summary>
    public PeerCertificate Stranger { get; }

    public int ServerPort { get; }

    /// <summary>Where the gateway posts (the partner's AS2 URL in the profile).</summary>
    public string PartnerUrl => $"http://127.0.0.1:{ServerPort}/as2";

    /// <summary>The gateway's partner listener.</summary>
    public string ListenerUrl { get; private set; } = "";

    /// <summary>What the gateway posted to the partner: headers (lower-case names) and body.</summary>
    public ConcurrentQueue<(Dictionary<string, string> Headers, byte[] Body, string Path)> Received { get; } = new();

    /// <summary>How the partner's server answers a post; by default 200 with no body.</summary>
    public Func<Dictionary<string, string>, byte[], Task<(int Status, string? ContentType, byte[] Body)>> Answer { get; set; } = (_, _) => Task.FromResult<(int, string?, byte[])>((200, null, []));

    /// <summary>
    /// Certificates, a profile with <paramref name="as2Extra"/> lines under transports.as2, and a gateway with its partner
    /// listener, started in-process unless <paramref name="start"/> is false (to run it as a child process instead).
    /// </summary>
    public static async Task<As2Partnership> StartAsync(string as2Extra = "", string agreementsExtra = "", bool start = true)
    {
        var gateway = new TestGateway();
        string certs = Directory.CreateDirectory(Path.Combine(gateway.ProfilesDirectory, "certs")).FullName;
        var ours = await OpensslPeer.CreateCertificateAsync(certs, "ours");
        var partner = await OpensslPeer.CreateCertificateAsync(certs, "partner");
        var stranger = await OpensslPeer.CreateCertificateAsync(certs, "stranger");
        File.WriteAllText(Path.Combine(certs, "ours.pass"), ours.PfxPassword);
        var partnership = new As2Partnership(gateway, ours, partner, stranger);
        partnership.WriteProfile(as2Extra, agreementsExtra);
        int port = LoopbackBackend.FreePort();
        gateway.ExtraArguments.Add($"--Gateway:Listeners:Partner=http://127.0.0.1:{port}");
        partnership.ListenerUrl = $"http://127.0.0.1:{port}/as2";
        if (start)
        {
            await gateway.StartAsync();
        }
        return partnership;
    }

    /// <summary>(Re)writes the partner's profile; the running gateway reloads it.</summary>
    public void WriteProfile(string as2Extra = "", string agreementsExtra = "")
    {
        File.WriteAllText(Path.Combine(Gateway.ProfilesDirectory, PartnerId + ".yaml"), $$"""
            id: {{PartnerId}}
            name: ACME over AS2
            identities:
              x12:
                - { qualifier: ZZ, id: SENDER }
            ourIdentity:
              x12: { qualifier: ZZ, id: RECEIVER }
            agreements:
              - { standard: x12, version: "004010", document: "850", direction: inbound, endpoint: erp }
            {{agreementsExtra}}
            transports:
              as2:
                partnerAs2Id: {{PartnerAs2Id}}
                ourAs2Id: {{OurAs2Id}}
                url: {{PartnerUrl}}
                partnerCertificate: certs/partner.cer
                ourCertificate: { file: certs/ours.pfx, password: "file:certs/ours.pass" }
            {{as2Extra}}
              folder: { inbox: folders/{{PartnerId}}/inbox, outbox: folders/{{PartnerId}}/outbox }
            """);
    }

    /// <summary>The payload as a MIME entity with CRLF line ends, as a partner's AS2 software wraps an EDI file.</summary>
    public static byte[] PayloadEntity(string edi, string fileName = "po.x12") =>
        Encoding.ASCII.GetBytes($"Content-Type: application/edi-x12\r\nContent-Transfer-Encoding: binary\r\nContent-Disposition: attachment; filename=\"{fileName}\"\r\n\r\n{edi}");

    /// <summary>The payload signed by <paramref name="signer"/> (default: the partner) and encrypted to the gateway, both by openssl.</summary>
    public async Task<byte[]> SignedAndEncryptedAsync(string edi, PeerCertificate? signer = null, string digest = "sha256", string cipher = "aes256", string? oaep = null, string outform = "SMIME") =>
        await OpensslPeer.EncryptAsync(await OpensslPeer.SignAsync(PayloadEntity(edi), signer ?? Partner, digest), Ours, cipher, oaep, outform);

    /// <summary>Posts an S/MIME message (as openssl wrote it) to the gateway the AS2 way: top MIME headers as HTTP headers.</summary>
    public async Task<HttpResponseMessage> PostAsync(byte[] smime, string? messageId = null, string from = PartnerAs2Id, string to = OurAs2Id, string? options = "signed-receipt-protocol=optional, pkcs7-signature; signed-receipt-micalg=optional, sha-256", string? receiptDeliveryOption = null, string? contentType = null)
    {
        var (type, encoding, body) = contentType is null ? OpensslPeer.SplitHeaders(smime) : (contentType, null, smime);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Post, ListenerUrl) { Content = new ByteArrayContent(body) };
        request.Headers.TryAddWithoutValidation("AS2-Version", "1.2");
        request.Headers.TryAddWithoutValidation("AS2-From", from.Contains(' ', StringComparison.Ordinal) ? $"\"{from}\"" : from);
        request.Headers.TryAddWithoutValidation("AS2-To", to);
        request.Headers.TryAddWithoutValidation("Message-ID", messageId ?? NewMessageId());
        request.Headers.TryAddWithoutValidation("Disposition-Notification-To", "edi@acme.example");
        if (options is not null)
        {
            request.Headers.TryAddWithoutValidation("Disposition-Notification-Options", options);
        }
        if (receiptDeliveryOption is not null)
        {
            request.Headers.TryAddWithoutValidation("Receipt-Delivery-Option", receiptDeliveryOption);
        }
        request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
        if (encoding is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Transfer-Encoding", encoding);
        }
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>Posts an asynchronous MDN to <paramref name="url"/> as the partner would; returns the gateway's answer.</summary>
    public static async Task<HttpStatusCode> PostMdnAsync(string url, string contentType, byte[] mdn)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(mdn) };
        request.Headers.TryAddWithoutValidation("AS2-From", $"\"{PartnerAs2Id}\"");
        request.Headers.TryAddWithoutValidation("AS2-To", OurAs2Id);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    public static string NewMessageId() => $"<{Guid.NewGuid():N}@acme.example>";

    /// <summary>An HTTP response or request re-assembled as the MIME entity it carries.</summary>
    public static byte[] Entity(string contentType, byte[] body) =>
        [.. Encoding.ASCII.GetBytes($"MIME-Version: 1.0\r\nContent-Type: {contentType}\r\n\r\n"), .. body];

    public static async Task<byte[]> EntityAsync(HttpResponseMessage response) =>
        Entity(response.Content.Headers.ContentType?.ToString() ?? "", await response.Content.ReadAsByteArrayAsync());

    /// <summary>The disposition-notification fields of an MDN (signed or not), read without checking the signature.</summary>
    public static Dictionary<string, string> MdnFields(byte[] entity)
    {
        string text = Encoding.ASCII.GetString(entity);
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string name in new[] { "Original-Message-ID", "Received-Content-MIC", "Disposition", "Final-Recipient" })
        {
            int at = text.IndexOf("\n" + name + ":", StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                int end = text.IndexOf('\n', at + 1);
                fields[name] = text[(at + name.Length + 2)..end].Trim();
            }
        }
        return fields;
    }

    /// <summary>An MDN from the partner for a message the gateway posted, signed by openssl with the partner's key.</summary>
    public async Task<(string ContentType, byte[] Body)> PartnerMdnAsync(string originalMessageId, string mic, string disposition = "automatic-action/MDN-sent-automatically; processed")
    {
        string report = $"Content-Type: multipart/report; report-type=disposition-notification; boundary=\"rpt\"\r\n\r\n"
            + "--rpt\r\nContent-Type: text/plain\r\n\r\nReceived.\r\n"
            + "--rpt\r\nContent-Type: message/disposition-notification\r\n\r\n"
            + $"Reporting-UA: openssl peer\r\nFinal-Recipient: rfc822; {PartnerAs2Id}\r\nOriginal-Message-ID: {originalMessageId}\r\nReceived-Content-MIC: {mic}\r\nDisposition: {disposition}\r\n\r\n"
            + "--rpt--\r\n";
        byte[] signed = await OpensslPeer.SignAsync(Encoding.ASCII.GetBytes(report), Partner);
        var (type, _, body) = OpensslPeer.SplitHeaders(signed);
        return (type, body);
    }

    private async Task LoopAsync()
    {
        while (_server.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _server.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            var headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k.ToLowerInvariant(), k => context.Request.Headers[k] ?? "", StringComparer.Ordinal);
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer);
            Received.Enqueue((headers, buffer.ToArray(), context.Request.Url?.AbsolutePath ?? ""));
            try
            {
                var (status, contentType, body) = await Answer(headers, buffer.ToArray());
                context.Response.StatusCode = status;
                if (contentType is not null)
                {
                    context.Response.ContentType = contentType;
                }
                await context.Response.OutputStream.WriteAsync(body);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                context.Response.StatusCode = 599;
                await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(exception.ToString()));
            }
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _server.Stop();
        _server.Close();
        await _loop;
        await Gateway.DisposeAsync();
    }
}
