namespace Gateway.Host.Configuration;

/// <summary>
/// The gateway's own mailbox (<c>Gateway:Email</c>): the server it reads partners' mail from over IMAP or POP3, the
/// SMTP server it sends through, and the folders read mail is moved to. Off until <see cref="Incoming"/> has a host.
/// </summary>
internal sealed class EmailSettings
{
    /// <summary><c>imap</c> (default) or <c>pop3</c>.</summary>
    public string Protocol { get; init; } = "imap";

    public MailServerSettings Incoming { get; init; } = new();

    public MailServerSettings Outgoing { get; init; } = new();

    /// <summary>The address our mail comes from.</summary>
    public string From { get; init; } = "";

    /// <summary>How often the mailbox is read.</summary>
    public int PollSeconds { get; init; } = 60;

    /// <summary>IMAP folder read mail moves to once its documents are safe.</summary>
    public string ProcessedFolder { get; init; } = "Processed";

    /// <summary>IMAP folder for mail from unknown senders or without EDI.</summary>
    public string QuarantineFolder { get; init; } = "Quarantine";

    public bool Enabled => Incoming.Host.Length > 0;
}
