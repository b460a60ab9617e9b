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
}
