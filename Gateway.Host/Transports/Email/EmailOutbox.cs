using Gateway.Host.Admin.Metrics;
using Gateway.Host.Configuration;
using Gateway.Host.Outbound;
using Gateway.Host.Tracking;
using Gateway.Partners.Loading;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Gateway.Host.Transports.Email;

/// <summary>
/// Sends queued documents to partners by SMTP: one mail per document to the profile's outboundAddress, the
/// interchange as an attachment of its EDI media type with the exact bytes, and a subject naming the document type
/// and control number. A failure keeps the document queued and tries again with backoff (30 s doubling to an hour).
/// </summary>
internal sealed partial class EmailOutbox(ITrackingStore store, ProfileReloader profiles, GatewaySettings settings, GatewayMetrics metrics, TimeProvider time, ILogger<EmailOutbox> log)
{
    public async Task SendDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = store.QueuedOutbound(["email"], 100).Where(o => o.NextAttemptAt is null || o.NextAttemptAt <= now).ToList();
        if (due.Count == 0)
        {
            return;
        }
        if (settings.Email.Outgoing.Host.Length == 0 || settings.Email.From.Length == 0)
        {
            Fail(due, "Gateway:Email:Outgoing:Host and Gateway:Email:From are not set in appsettings.json; the document stays queued");
            return;
        }
        using var client = new SmtpClient();
        try
        {
            await MailSessions.OpenAsync(client, settings.Email.Outgoing, settings.ContentRoot, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or MailKit.ProtocolException or MailKit.Security.AuthenticationException or MailKit.Security.SslHandshakeException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            Fail(due, $"{exception.GetType().Name}: {exception.Message}");
            return;
        }
        foreach (var item in due)
        {
            var email = profiles.Current.Find(item.PartnerId)?.Transports.Email;
            string? address = email?.OutboundAddress;
            if (email is null || address is null)
            {
                Fail([item], $"{item.PartnerId} has no transports.email.outboundAddress in its profile; add it, the document stays queued");
                continue;
            }
            try
            {
                var message = Message(item, address);
                message.Body = SecureMail.Protect(message.Body!, email, settings.PartnerProfiles);
                await client.SendAsync(message, cancellationToken);
                item.Status = "Sent";
                item.SentAt = time.GetUtcNow();
                item.Attempts++;
                (item.LastError, item.NextAttemptAt) = (null, null);
                store.Save(item);
                LogSent(item.Kind, item.ControlNumber, item.PartnerId, address);
            }
            catch (Exception exception) when (exception is IOException or MailKit.ProtocolException or SmtpCommandException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
            {
                Fail([item], $"{exception.GetType().Name}: {exception.Message}");
            }
        }
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    private MimeMessage Message(OutboundRecord item, string address)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.Email.From));
        message.To.Add(MailboxAddress.Parse(address));
        message.Subject = $"EDI {item.Kind} {item.ControlNumber} for {item.PartnerId}";
        var attachment = new MimePart(ContentType.Parse(EdiMediaType.Of(item.FileName, item.Content)))
        {
            Content = new MimeContent(new MemoryStream(item.Content, writable: false)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = item.FileName,
        };
        var body = new Multipart("mixed")
        {
            new TextPart("plain") { Text = $"{item.Kind} {item.ControlNumber} attached ({item.Content.Length} bytes), sent by the EDI gateway." },
            attachment,
        };
        message.Body = body;
        return message;
    }

    private void Fail(IEnumerable<OutboundRecord> items, string reason)
    {
        foreach (var item in items)
        {
            var delay = OutboundBackoff.Fail(item, reason, time);
            metrics.OutboundRetry(item);
            store.Save(item);
            LogRetrying(item.Kind, item.PartnerId, reason, delay);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailed {DocumentType} {ControlNumber} to {PartnerId} at {Address}")]
    private partial void LogSent(string documentType, string controlNumber, string partnerId, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail of {DocumentType} to {PartnerId} failed: {Reason}; next try in {Delay}")]
    private partial void LogRetrying(string documentType, string partnerId, string reason, TimeSpan delay);
}
