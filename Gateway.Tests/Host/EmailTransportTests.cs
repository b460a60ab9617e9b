using Gateway.Host.Tracking;
using Gateway.Host.Transports.Email;
using Gateway.Tests.Support;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Gateway.Tests.Host;

/// <summary>The email transport against a private Postfix and Dovecot on loopback: attachments in, quarantine for strangers, acknowledgments out with the exact bytes.</summary>
[Category("Integration")]
[NonParallelizable]
public sealed class EmailTransportTests
{
    private MailServer _mail = null!;
    private TestGateway _gateway = null!;
    private string _passwordVariable = null!;
    private string[] _arguments = [];
    private string _profile = "";

    [SetUp]
    public async Task SetUp()
    {
        _mail = MailServer.Start();
        _gateway = new TestGateway();
        _passwordVariable = $"GATEWAY_TEST_MAIL_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(_passwordVariable, MailServer.Password);
        _arguments = [.. _mail.GatewayArguments(_passwordVariable)];
        _gateway.ExtraArguments.AddRange(_arguments);
        _profile = ProfileTexts.MailPartner();
        File.WriteAllText(Path.Combine(_gateway.ProfilesDirectory, "partner.yaml"), _profile);
        await _gateway.StartAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _gateway.DisposeAsync();
        _mail.Dispose();
        Environment.SetEnvironmentVariable(_passwordVariable, null);
    }

    private async Task SendAsync(string from, params (string Name, string Content)[] attachments)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(MailServer.Gateway));
        message.Subject = "Orders";
        var body = new Multipart("mixed") { new TextPart("plain") { Text = "Please find our orders attached." } };
        foreach (var (name, content) in attachments)
        {
            body.Add(new MimePart("application", "edi-x12")
            {
                Content = new MimeContent(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(content))),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = name,
            });
        }
        message.Body = body;
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync("127.0.0.1", _mail.Smtp, SecureSocketOptions.None);
        await smtp.SendAsync(message);
        await smtp.DisconnectAsync(true);
    }

    private Task<int> PollAsync() => _gateway.Services.GetRequiredService<EmailInbox>().PollAsync(CancellationToken.None);

    [Test]
    public async Task A_mail_with_two_EDI_attachments_gives_two_documents_and_moves_to_processed()
    {
        await SendAsync(MailServer.Partner, ("po-1.edi", GatewayFiles.X12Orders("PARTNER", "DISTRIBUTOR", 61)), ("po-2.x12", GatewayFiles.X12Orders("PARTNER", "DISTRIBUTOR", 62)));
        await _mail.WaitForMessagesAsync(MailServer.Gateway, "INBOX", 1);

        Assert.That(await PollAsync(), Is.EqualTo(2));
        await TestGateway.WaitUntil(() => _gateway.Store.QueryDocuments(new DocumentQuery()).Count(d => d.Status == DocumentStatus.Delivered) == 2, "two delivered");
        var receipts = _gateway.Store.QueryDocuments(new DocumentQuery()).Select(d => _gateway.Store.FindReceipt(d.ReceiptId)!).ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(receipts.Select(r => r.Transport), Has.All.EqualTo("email"));
            Assert.That(receipts.Select(r => r.OriginalName).Order(), Is.EqualTo(new[] { "po-1.edi", "po-2.x12" }));
            Assert.That(await _mail.MessagesAsync(MailServer.Gateway, "INBOX"), Is.Empty);
            Assert.That(await _mail.MessagesAsync(MailServer.Gateway, "Processed"), Has.Count.EqualTo(1));
            Assert.That(await PollAsync(), Is.Zero, "nothing is taken twice");
        });
    }

    [Test]
    public async Task Over_POP3_the_mail_is_taken_then_deleted()
    {
        await _gateway.DisposeAsync();
        _gateway = new TestGateway();
        File.WriteAllText(Path.Combine(_gateway.ProfilesDirectory, "partner.yaml"), _profile);
        _gateway.ExtraArguments.AddRange(_arguments.Select(a => a.Replace($"Incoming:Port={_mail.Imap}", $"Incoming:Port={_mail.Pop3}", StringComparison.Ordinal)));
        _gateway.ExtraArguments.Add("--Gateway:Email:Protocol=pop3");
        await _gateway.StartAsync();
        await SendAsync(MailServer.Partner, ("po.edi", GatewayFiles.X12Orders("PARTNER", "DISTRIBUTOR", 91)));
        await _mail.WaitForMessagesAsync(MailServer.Gateway, "INBOX", 1);

        Assert.That(await PollAsync(), Is.EqualTo(1));
        Assert.That(await _mail.MessagesAsync(MailServer.Gateway, "INBOX"), Is.Empty, "deleted once received");
        await TestGateway.WaitUntil(() => _gateway.Store.QueryDocuments(new DocumentQuery()).Any(d => d.Status == DocumentStatus.Delivered), "delivered");
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Over_TLS_only_the_pinned_certificate_is_trusted(bool rightPin)
    {
        await _gateway.DisposeAsync();
        _gateway = new TestGateway();
        File.WriteAllText(Path.Combine(_gateway.ProfilesDirectory, "partner.yaml"), _profile);
        _gateway.ExtraArguments.AddRange(_arguments.Select(a => a
            .Replace($"Incoming:Port={_mail.Imap}", $"Incoming:Port={_mail.Imaps}", StringComparison.Ordinal)
            .Replace("Incoming:Security=none", "Incoming:Security=ssl", StringComparison.Ordinal)));
        _gateway.ExtraArguments.Add($"--Gateway:Email:Incoming:CertificateSha256={(rightPin ? _mail.CertificateSha256 : new string('A', 64))}");
        await _gateway.StartAsync();
        await SendAsync(MailServer.Partner, ("po.edi", GatewayFiles.X12Orders("PARTNER", "DISTRIBUTOR", rightPin ? 95 : 96)));
        await _mail.WaitForMessagesAsync(MailServer.Gateway, "INBOX", 1);

        Assert.That(await PollAsync(), Is.EqualTo(rightPin ? 1 : 0));
        Assert.That(await _mail.MessagesAsync(MailServer.Gateway, "INBOX"), Has.Count.EqualTo(rightPin ? 0 : 1), "a server we do not trust gets no password and gives no mail");
    }

    [Test]
    public async Task Killed_between_intake_and_the_move_the_restart_makes_one_document_not_two()
    {
        await _gateway.DisposeAsync();
        _gateway = new TestGateway();
        File.WriteAllText(Path.Combine(_gateway.ProfilesDirectory, "partner.yaml"), _profile);
        _gateway.ExtraArguments.AddRange(_arguments.Select(a => a.Replace("PollSeconds=3600", "PollSeconds=1", StringComparison.Ordinal)));
        await SendAsync(MailServer.Partner, ("po.edi", GatewayFiles.X12Orders("PARTNER", "DISTRIBUTOR", 97)));
        await _mail.WaitForMessagesAsync(MailServer.Gateway, "INBOX", 1);

        using (var doomed = GatewayChild.Start(_gateway, crashAt: "before-mail-move"))
        {
            Assert.That(await doomed.WaitForExitAsync(60), Is.True, "the gateway never reached before-mail-move");
            Assert.That(doomed.ExitCode, Is.EqualTo(137), doomed.Errors);
        }
        Assert.That(await _mail.MessagesAsync(MailServer.Gateway, "INBOX"), Has.Count.EqualTo(1), "the crash came before the move");
        using (var restarted = GatewayChild.Start(_gateway))
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (_gateway.Erp.DistinctKeys < 1 || (await _mail.MessagesAsync(MailServer.Gateway, "INBOX")).Count > 0)
            {
                Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)), "taken again, moved and delivered");
                await Task.Delay(200);
            }
            await Task.Delay(1500);   // more polls: nothing new may appear
            restarted.Kill();
        }
        using var store = new LiteDbTrackingStore(Path.Combine(_gateway.DataDirectory, "tracking.db"), readOnly: true);
        Assert.Multiple(async () =>
        {
            Assert.That(store.QueryDocuments(new DocumentQuery()), Has.Count.EqualTo(1), "the second reading gave the first receipt back");
            Assert.That(_gateway.Erp.DistinctKeys, Is.EqualTo(1));
            Assert.That(await _mail.MessagesAsync(MailServer.Gateway, "Processed"), Has.Count.EqualTo(1));
        });
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Outbound_mail_goes_over_STARTTLS_with_SMTP_AUTH(bool rightPassword)
    {
        await _gateway.DisposeAsync();
        _gateway = new TestGateway();
        File.WriteAllText(Path.Combine(_gateway.ProfilesDirectory, "partner.yaml"), _profile);
        string submitVariable = _passwordVariable + "_SUBMIT";
        Environment.SetEnvironmentVariable(submitVariable, rightPassword ? MailServer.Password : "not-the-password");
        _gateway.ExtraArguments.AddRange(_arguments.Select(a => a
            .Replace($"Outgoing:Port={_mail.Smtp}", $"Outgoing:Port={_mail.Submission}", StringComparison.Ordinal)
            .Replace("Outgoing:Security=none", "Outgoing:Security=starttls", StringComparison.Ordinal)));
        _gateway.ExtraArguments.AddRange(
        [
            $"--Gateway:Email:Outgoing:CertificateSha256={_mail.CertificateSha256}",
            $"--Gateway:Email:Outgoing:User={MailServer.Gateway}",
            $"--Gateway:Email:Outgoing:Password=env:{submitVariable}",
        ]);
        try
        {
            await _gateway.StartAsync();
            await SendAsync(MailServer.Partner, ("po.edi", GatewayFiles.X12Orders("PARTNER", "DISTRIBUTOR", rightPassword ? 98 : 99)));
            await _mail.WaitForMessagesAsync(MailServer.Gateway, "INBOX", 1);
            await PollAsync();
            await TestGateway.WaitUntil(() => _gateway.Store.QueryDocuments(new DocumentQuery()).Any(d => _gateway.Store.OutboundFor(d.ReceiptId).Any(o => o.Status == "Sent" || o.LastError is not null)), "sent or failed");
            var sent = _gateway.Store.OutboundFor(_gateway.Store.QueryDocuments(new DocumentQuery()).Single().ReceiptId).Single();
            if (rightPassword)
            {
                await _mail.WaitForMessagesAsync(MailServer.Partner, "INBOX", 1);
                Assert.That(sent.Status, Is.EqualTo("Sent"));
            }
            else
            {
                Assert.That(sent.Status, Is.EqualTo("Queued"), "kept for a retry once the password is fixed");
                Assert.That(sent.LastError, Does.Contain("Authentication"));
                Assert.That(sent.LastError, Does.Not.Contain("not-the-password"), "a secret never reaches the record");
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(submitVariable, null);
        }
    }

    [Test]
    public async Task Mail_from_a_stranger_is_quarantined_and_nothing_is_processed()
    {
        await SendAsync(MailServer.Stranger, ("po.edi", GatewayFiles.X12Orders("PARTNER", "DISTRIBUTOR", 71)));
        await _mail.WaitForMessagesAsync(MailServer.Gateway, "INBOX", 1);

        Assert.That(await PollAsync(), Is.Zero);
        await Task.Delay(300);
        var tracked = _gateway.Store.QueryDocuments(new DocumentQuery());
        Assert.Multiple(async () =>
        {
            Assert.That(tracked.Select(d => d.Status), Is.EqualTo(new[] { DocumentStatus.Quarantined }), "tracked, not processed");
            Assert.That(tracked.Single().Issues.Single(), Does.Contain(MailServer.Stranger));
            Assert.That(_gateway.Store.FindReceipt(tracked.Single().ReceiptId)!.Error, Does.StartWith("quarantined"));
            Assert.That(_gateway.Erp.Calls, Is.Empty);
            Assert.That(_gateway.Store.OutboundFor(tracked.Single().ReceiptId), Is.Empty, "no acknowledgment to a stranger");
            Assert.That(await _mail.MessagesAsync(MailServer.Gateway, "Quarantine"), Has.Count.EqualTo(1));
            Assert.That(await _mail.MessagesAsync(MailServer.Gateway, "INBOX"), Is.Empty);
        });
    }

    [Test]
    public async Task Acknowledgments_arrive_in_the_partners_mailbox_with_the_exact_bytes()
    {
        await SendAsync(MailServer.Partner, ("po.edi", GatewayFiles.X12Orders("PARTNER", "DISTRIBUTOR", 81)));
        await _mail.WaitForMessagesAsync(MailServer.Gateway, "INBOX", 1);
        await PollAsync();
        await _mail.WaitForMessagesAsync(MailServer.Partner, "INBOX", 1);

        var mail = (await _mail.MessagesAsync(MailServer.Partner, "INBOX")).Single();
        var sent = _gateway.Store.OutboundFor(_gateway.Store.QueryDocuments(new DocumentQuery()).Single().ReceiptId).Single();
        var attachment = mail.Attachments.OfType<MimePart>().Single();
        using var bytes = new MemoryStream();
        await attachment.Content!.DecodeToAsync(bytes);
        Assert.Multiple(() =>
        {
            Assert.That(sent.Transport, Is.EqualTo("email"));
            Assert.That(sent.Status, Is.EqualTo("Sent"));
            Assert.That(bytes.ToArray(), Is.EqualTo(sent.Content));
            Assert.That(attachment.ContentType.MimeType, Is.EqualTo("application/edi-x12"));
            Assert.That(attachment.FileName, Is.EqualTo(sent.FileName));
            Assert.That(mail.Subject, Does.Contain(sent.Kind).And.Contain(sent.ControlNumber));
        });
    }
}
