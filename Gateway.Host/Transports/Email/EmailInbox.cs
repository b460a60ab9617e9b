using Gateway.Edi;
using Gateway.Host.Configuration;
using Gateway.Host.Intake;
using Gateway.Host.Pipeline;
using Gateway.Partners.Loading;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Pop3;
using MailKit.Search;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Gateway.Host.Transports.Email;

/// <summary>
/// Reads partners' mail from the gateway's mailbox. Mail from an address a partner profile allows gives its EDI
/// attachments (application/edi-x12, application/edifact, application/edi-consent, or .edi/.x12/.txt files), or an
/// EDI body, to durable intake; only then does the message move to the processed folder (IMAP) or get deleted (POP3).
/// Mail from anyone else, or without EDI, is archived and tracked as quarantined, and moves to the quarantine folder. A crash between intake and the
/// move reads the message again, and intake recognises each part (mailbox, message id, part): nothing twice.
/// </summary>
internal sealed partial class EmailInbox(ProfileReloader profiles, DurableIntake intake, GatewaySettings settings, ILogger<EmailInbox> log) : IDisposable
{
    private static readonly string[] EdiTypes = ["application/edi-x12", "application/edifact", "application/edi-consent"];
    private static readonly string[] EdiExtensions = [".edi", ".x12", ".txt", ".edifact"];
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>One read of the mailbox; returns the number of documents' files taken in. Problems are logged, never thrown.</summary>
    public async Task<int> PollAsync(CancellationToken cancellationToken)
    {
        if (!settings.Email.Enabled || !await _one.WaitAsync(0, cancellationToken))
        {
            return 0;
        }
        try
        {
            return settings.Email.Protocol.Equals("pop3", StringComparison.OrdinalIgnoreCase)
                ? await PollPop3Async(cancellationToken)
                : await PollImapAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or MailKit.ServiceNotConnectedException or MailKit.Security.AuthenticationException or MailKit.Security.SslHandshakeException or ProtocolException or CommandException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            LogPollFailed(settings.Email.Incoming.Host, exception.GetType().Name, exception.Message);
            return 0;
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<int> PollImapAsync(CancellationToken cancellationToken)
    {
        var email = settings.Email;
        using var client = new ImapClient();
        await MailSessions.OpenAsync(client, email.Incoming, settings.ContentRoot, cancellationToken);
        var processed = await FolderAsync(client, email.ProcessedFolder, cancellationToken);
        var quarantine = await FolderAsync(client, email.QuarantineFolder, cancellationToken);
        int taken = 0;
        var mailboxes = profiles.Current.Partners.Select(p => p.Transports.Email?.Mailbox).OfType<string>().Append("INBOX").Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (string name in mailboxes)
        {
            var folder = await client.GetFolderAsync(name, cancellationToken);
            await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
            foreach (var uid in await folder.SearchAsync(SearchQuery.NotDeleted, cancellationToken))
            {
                var message = await folder.GetMessageAsync(uid, cancellationToken);
                string source = $"email:{email.Incoming.Host}:{name}:{folder.UidValidity}:{uid.Id}:{message.MessageId}";
                int files = Take(message, source);
                CrashPoints.Reach("before-mail-move");
                await folder.MoveToAsync(uid, files > 0 ? processed : quarantine, cancellationToken);
                taken += files;
            }
            await folder.CloseAsync(expunge: true, cancellationToken);
        }
        await client.DisconnectAsync(quit: true, cancellationToken);
        return taken;
    }

    private async Task<int> PollPop3Async(CancellationToken cancellationToken)
    {
        using var client = new Pop3Client();
        await MailSessions.OpenAsync(client, settings.Email.Incoming, settings.ContentRoot, cancellationToken);
        int taken = 0;
        int count = await client.GetMessageCountAsync(cancellationToken);
        for (int i = 0; i < count; i++)
        {
            var message = await client.GetMessageAsync(i, cancellationToken);
            string uid = client.SupportsUids ? await client.GetMessageUidAsync(i, cancellationToken) : message.MessageId ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            // POP3 has no folders: quarantined mail stays in the mailbox, logged, for a person to read.
            int files = Take(message, $"email:{settings.Email.Incoming.Host}:pop3:{uid}:{message.MessageId}");
            if (files > 0)
            {
                CrashPoints.Reach("before-mail-move");
                await client.DeleteMessageAsync(i, cancellationToken);
                taken += files;
            }
        }
        await client.DisconnectAsync(quit: true, cancellationToken);
        return taken;
    }

    // The message's EDI parts into durable intake; 0 when it is quarantined (unknown sender, no EDI, or S/MIME refused).
    private int Take(MimeMessage message, string source)
    {
        string sender = message.From.Mailboxes.FirstOrDefault()?.Address ?? "";
        var partner = profiles.Current.FindByEmailSender(sender);
        string? refused = partner is null ? $"mail from {RemoteNames.Safe(sender)}, an address no partner profile allows" : null;
        var parts = new List<(string Name, byte[] Content)>();
        if (partner is not null)
        {
            var (content, problem) = SecureMail.Open(message, partner, partner.Transports.Email!, settings.PartnerProfiles);
            parts = content is null ? [] : EdiParts(content);
            refused = problem is not null ? $"mail from {partner.Id}: {problem}" : parts.Count == 0 ? $"mail from {partner.Id} without EDI" : null;
        }
        if (refused is not null)
        {
            // Kept whole (the raw message) and tracked as quarantined, so support can see it and nothing is lost.
            using var raw = new MemoryStream();
            message.WriteTo(raw);
            string id = intake.Accept(new IntakeRequest("email", partner?.Id, RemoteNames.Safe(message.Subject ?? "(no subject)") + ".eml", $"{source}:message", raw.ToArray(), refused));
            LogQuarantined(RemoteNames.Safe(sender), RemoteNames.Safe(message.Subject ?? ""), refused, id);
            return 0;
        }
        var requests = parts.Select((part, i) => new IntakeRequest("email", partner!.Id, RemoteNames.Safe(part.Name), $"{source}:{i}", part.Content)).ToList();
        var ids = intake.AcceptAll(requests);
        LogTaken(ids.Count, partner!.Id, ids);
        return ids.Count;
    }

    private static List<(string Name, byte[] Content)> EdiParts(MimeEntity content)
    {
        var parts = new List<(string, byte[])>();
        var all = Parts(content).ToList();
        foreach (var part in all)
        {
            string? name = part.FileName;
            bool edi = EdiTypes.Contains(part.ContentType.MimeType, StringComparer.OrdinalIgnoreCase)
                || (name is not null && EdiExtensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase));
            if (edi && part.Content is not null)
            {
                using var bytes = new MemoryStream();
                part.Content.DecodeTo(bytes);
                parts.Add((name ?? $"part-{parts.Count + 1}.edi", bytes.ToArray()));
            }
        }
        if (parts.Count == 0 && all.OfType<TextPart>().FirstOrDefault(t => t.IsPlain && !t.IsAttachment)?.Text is { Length: > 0 } body
            && EdiSyntaxDetector.Detect(System.Text.Encoding.UTF8.GetBytes(body.TrimStart())) != EdiSyntax.Unknown)
        {
            // Some small partners paste the interchange into the mail body.
            parts.Add(("body.edi", System.Text.Encoding.UTF8.GetBytes(body.TrimStart())));
        }
        return parts;
    }

    private static IEnumerable<MimePart> Parts(MimeEntity entity) => entity switch
    {
        Multipart multipart => multipart.SelectMany(Parts),
        MimePart part => [part],
        _ => [],
    };

    public void Dispose() => _one.Dispose();

    private static async Task<IMailFolder> FolderAsync(ImapClient client, string name, CancellationToken cancellationToken)
    {
        var root = client.GetFolder(client.PersonalNamespaces[0]);
        try
        {
            return await root.GetSubfolderAsync(name, cancellationToken);
        }
        catch (FolderNotFoundException)
        {
            return await root.CreateAsync(name, isMessageFolder: true, cancellationToken) ?? throw new InvalidOperationException($"the mail server did not create folder {name}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Took {Count} EDI file(s) from {PartnerId}'s mail as {TrackingIds}")]
    private partial void LogTaken(int count, string partnerId, IReadOnlyList<string> trackingIds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail from {Sender} ('{Subject}') quarantined as {TrackingId}: {Reason}")]
    private partial void LogQuarantined(string sender, string subject, string reason, string trackingId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox {Host} could not be read ({Kind}: {Reason}); the next poll tries again")]
    private partial void LogPollFailed(string host, string kind, string reason);
}
