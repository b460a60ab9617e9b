using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Gateway.Partners.Profiles.Transports;

/// <summary>EDI by email: which senders we take documents from, and where we send ours.</summary>
public sealed class EmailSettings
{
    [Required]
    [RegularExpression(ProfilePatterns.EmailAddress, ErrorMessage = "write an address such as edi@partner.example")]
    [Description("Addresses allowed to send us this partner's EDI; mail from any other goes to quarantine.")]
    public IReadOnlyList<string> AllowedSenders { get; init; } = [];

    [StringLength(200, MinimumLength = 1)]
    [Description("The IMAP folder of the gateway's mailbox to read. Default INBOX.")]
    public string Mailbox { get; init; } = "INBOX";

    [RegularExpression(ProfilePatterns.EmailAddress, ErrorMessage = "write an address such as edi@partner.example")]
    [Description("Where we send our documents and acknowledgments.")]
    public string? OutboundAddress { get; init; }

    [Description("Quarantine this partner's mail unless it is S/MIME-signed with partnerCertificate. Default false.")]
    public bool RequireSignature { get; init; }

    [Description("Sign what we send (S/MIME, SHA-256) with ourCertificate. Default false.")]
    public bool Sign { get; init; }

    [Description("Encrypt what we send (S/MIME, AES-256) to partnerCertificate. Default false.")]
    public bool Encrypt { get; init; }

    [Description("The partner's certificate file (.cer/.pem/.crt), relative to partner-profiles/: checks their signatures, encrypts to them.")]
    public string? PartnerCertificate { get; init; }

    [Description("Our certificate with its private key (.pfx/.p12) and a password reference: signs what we send, decrypts what they encrypt.")]
    public KeyReference? OurCertificate { get; init; }
}
