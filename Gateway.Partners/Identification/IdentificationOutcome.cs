namespace Gateway.Partners.Identification;

/// <summary>What the envelope's identities told us.</summary>
public enum IdentificationOutcome
{
    /// <summary>The sender is a partner, the receiver is us for that partner, and the transport agrees.</summary>
    Identified,

    /// <summary>No partner uses the sender identity: quarantine the interchange.</summary>
    UnknownSender,

    /// <summary>The sender is known but the receiver is not the identity we use with it.</summary>
    UnknownReceiver,

    /// <summary>The envelope names one partner but arrived over another partner's transport (AS2 id, SFTP account, mailbox sender).</summary>
    TransportMismatch,
}
