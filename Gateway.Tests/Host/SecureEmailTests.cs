using System.Diagnostics;
using Gateway.Host.Tracking;
using Gateway.Host.Transports.Email;
using Gateway.Tests.Support;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Gateway.Tests.Host;

/// <summary>S/MIME on the email transport, with openssl as the independent peer: signed by the partner's pinned certificate or quarantined; what we send is signed and encrypted, and openssl decrypts and verifies it.</summary>
[Category("Integration")]
[NonParallelizable]
public sealed class SecureEmailTests
{
    private MailServer _mail = null!;
    private TestGateway _gateway = null!;
    private string _certificates = null!;
    private string _variable = null!;

    [SetUp]
    public async Task SetUp()
    {
        _mail = MailServer.Start();
        _gateway = new TestGateway();
        _certificates = Directory.CreateTempSubdirectory("gateway-smime-").FullName;
        foreach (string name in new[] { "partner", "our", "other" })
        {
            Openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", $"/CN={name}.test", "-keyout", Cert($"{name}.key"), "-out", Cert($"{name}.crt"));
        }
        Openssl("pkcs12", "-export", "-inkey", Cert("our.key"), "-in", Cert("our.crt"), "-out", Cert("our.pfx"), "-passout", "pass:pfx-password");
        _variable = $"GATEWAY_TEST_PFX_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(_variable, "pfx-password");
        Environment.SetEnvironmentVariable(_variable + "_MAIL", MailServer.Password);
        _gateway.ExtraArguments.AddRange(_mail.GatewayArguments(_variable + "_MAIL"));
        File.WriteAllText(Path.Combine(_gateway.ProfilesDirectory, "partner.yaml"), $$"""
            id: partner
            name: Partner by signed mail
            identities:
              x12:
                - { qualifier: ZZ, id: PARTNER }
            ourIdentity:
              x12: { qualifier: ZZ, id: DISTRIBUTOR }
            agreements:
              - { standard: x12, version: "004010", document: "850", direction: inbound, endpoint: erp }
            transports:
              email:
                allowedSenders: [{{MailServer.Partner}}]
                outboundAddress: {{MailServer.Partner}}
                requireSignature: true
                sign: true
                encrypt: true
                partnerCertificate: {{Cert("partner.crt")}}
                ourCertificate: { file: {{Cert("our.pfx")}}, password: env:{{_variable}} }
            """);
        await _gateway.StartAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _gateway.DisposeAsync();
        _mail.Dispose();
        Directory.Delete(_certificates, recursive: true);
        Environment.SetEnvironmentVariable(_variable, null);
        Environment.SetEnvironmentVariable(_variable + "_MAIL", null);
    }

    private string Cert(string name) => Path.Combine(_certificates, name);

    private static string Openssl(params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo("openssl", args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"openssl {string.Join(' ', args)}: {error.Result}");
        return output;
    }

    // A mail with one 850 attached, signed by openssl with the given certificate (or not signed).
    private async Task SendAsync(string? signer, int controlNumber)
    {
        var body = new Multipart("mixed")
        {
            new TextPart("plain") { Text = "Order attached." },
            new MimePart("application", "edi-x12")
            {
                Content = new MimeContent(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(GatewayFiles.X12Orders("PARTNER", "DISTRIBUTOR", controlNumber)))),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = "po.edi",
            },
        };
        MimeMessage message;
        if (signer is null)
        {
            message = new MimeMessage { Subject = "Orders", Body = body };
            message.From.Add(MailboxAddress.Parse(MailServer.Partner));
            message.To.Add(MailboxAddress.Parse(MailServer.Gateway));
        }
        else
        {
            string entity = Cert($"entity-{controlNumber}.txt");
            string signed = Cert($"signed-{controlNumber}.eml");
            await body.WriteToAsync(entity);
            Openssl("smime", "-sign", "-in", entity, "-signer", Cert($"{signer}.crt"), "-inkey", Cert($"{signer}.key"),
                "-from", MailServer.Partner, "-to", MailServer.Gateway, "-subject", "Orders", "-out", signed);
            message = await MimeMessage.LoadAsync(signed);
        }
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync("127.0.0.1", _mail.Smtp, SecureSocketOptions.None);
        await smtp.SendAsync(message);
        await smtp.DisconnectAsync(true);
    }

    private async Task<int> ReceiveAsync()
    {
        var clock = Stopwatch.StartNew();
        while ((await _mail.MessagesAsync(MailServer.Gateway)).Count == 0)
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "the mail reached the gateway's mailbox");
            await Task.Delay(100);
        }
        return await _gateway.Services.GetRequiredService<EmailInbox>().PollAsync(CancellationToken.None);
    }

    [Test]
    public async Task Mail_signed_with_the_partners_certificate_is_taken()
    {
        await SendAsync("partner", 201);
        Assert.That(await ReceiveAsync(), Is.EqualTo(1));
        await TestGateway.WaitUntil(() => _gateway.Store.QueryDocuments(new DocumentQuery()).Any(d => d.Status == DocumentStatus.Delivered), "delivered");
    }

    [TestCase(null, "requires S/MIME-signed mail")]
    [TestCase("other", "not with partner's certificate")]
    public async Task Mail_not_signed_by_the_partner_is_quarantined(string? signer, string reason)
    {
        await SendAsync(signer, 202);
        Assert.That(await ReceiveAsync(), Is.Zero);
        var tracked = _gateway.Store.QueryDocuments(new DocumentQuery()).Single();
        Assert.That(tracked.Status, Is.EqualTo(DocumentStatus.Quarantined));
        Assert.That(tracked.Issues.Single(), Does.Contain(reason));
        Assert.That(_gateway.Erp.Calls, Is.Empty);
    }

    [Test]
    public async Task What_we_send_is_signed_and_encrypted_and_openssl_decrypts_and_verifies_it()
    {
        await SendAsync("partner", 203);
        Assert.That(await ReceiveAsync(), Is.EqualTo(1));
        var clock = Stopwatch.StartNew();
        while ((await _mail.MessagesAsync(MailServer.Partner)).Count == 0)
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "the 997 reached the partner");
            await Task.Delay(100);
        }
        var mail = (await _mail.MessagesAsync(MailServer.Partner)).Single();
        Assert.That(mail.Body, Is.InstanceOf<MimeKit.Cryptography.ApplicationPkcs7Mime>(), "encrypted");
        await mail.WriteToAsync(Cert("received.eml"));
        Openssl("smime", "-decrypt", "-in", Cert("received.eml"), "-recip", Cert("partner.crt"), "-inkey", Cert("partner.key"), "-out", Cert("decrypted.eml"));
        Openssl("smime", "-verify", "-in", Cert("decrypted.eml"), "-CAfile", Cert("our.crt"), "-out", Cert("content.eml"));

        var content = await MimeEntity.LoadAsync(Cert("content.eml"));
        var attachment = ((Multipart)content).OfType<MimePart>().Single(p => p.IsAttachment);
        using var bytes = new MemoryStream();
        await attachment.Content!.DecodeToAsync(bytes);
        var sent = _gateway.Store.OutboundFor(_gateway.Store.QueryDocuments(new DocumentQuery()).Single().ReceiptId).Single();
        Assert.That(bytes.ToArray(), Is.EqualTo(sent.Content));
    }
}
