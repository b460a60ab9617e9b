using Gateway.Partners.Profiles;

namespace Gateway.Partners.Identification;

/// <summary>
/// An immutable lookup over the live partner profiles: envelope and transport identities to partners, and partners to
/// agreements. A new one is built whenever profiles change; readers keep the one they started with.
/// </summary>
public sealed class PartnerDirectory
{
    private readonly Dictionary<string, PartnerProfile> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Qualifier, string Id), PartnerProfile> _byX12 = [];
    private readonly Dictionary<string, List<(string? Qualifier, PartnerProfile Partner)>> _byEdifact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PartnerProfile> _byAs2 = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PartnerProfile> _bySender = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Builds the lookup; the profiles must already be cross-checked (unique identities).</summary>
    public PartnerDirectory(IEnumerable<PartnerProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        foreach (var profile in profiles)
        {
            _byId.Add(profile.Id, profile);
            foreach (var identity in profile.Identities.X12)
            {
                _byX12.TryAdd((identity.Qualifier, identity.Id), profile);
            }
            foreach (var identity in profile.Identities.Edifact)
            {
                if (!_byEdifact.TryGetValue(identity.Id, out var list))
                {
                    _byEdifact.Add(identity.Id, list = []);
                }
                list.Add((identity.Qualifier, profile));
            }
            if (profile.Transports.As2 is { } as2)
            {
                _byAs2.TryAdd(as2.PartnerAs2Id, profile);
            }
            foreach (string sender in profile.Transports.Email?.AllowedSenders ?? [])
            {
                _bySender.TryAdd(sender, profile);
            }
        }
        Partners = _byId.Values.OrderBy(p => p.Id, StringComparer.Ordinal).ToArray();
    }

    /// <summary>A directory with no partners.</summary>
    public static PartnerDirectory Empty { get; } = new([]);

    /// <summary>The live partners, by id.</summary>
    public IReadOnlyList<PartnerProfile> Partners { get; }

    /// <summary>The partner with <paramref name="partnerId"/>, or null.</summary>
    public PartnerProfile? Find(string partnerId) => _byId.GetValueOrDefault(partnerId);

    /// <summary>The partner whose AS2 id is <paramref name="as2From"/> and whose partnership names us <paramref name="as2To"/>, or null.</summary>
    public PartnerProfile? FindByAs2(string as2From, string as2To) =>
        _byAs2.GetValueOrDefault(as2From) is { } partner && partner.Transports.As2!.OurAs2Id == as2To ? partner : null;

    /// <summary>The partner allowed to email from <paramref name="address"/> (compared without case), or null.</summary>
    public PartnerProfile? FindByEmailSender(string address) => _bySender.GetValueOrDefault(address.Trim());

    /// <summary>Identifies an X12 interchange from ISA05/06 and ISA07/08.</summary>
    /// <param name="senderQualifier">ISA05.</param>
    /// <param name="senderId">ISA06 (trailing padding is ignored).</param>
    /// <param name="receiverQualifier">ISA07.</param>
    /// <param name="receiverId">ISA08 (trailing padding is ignored).</param>
    /// <param name="receivedFrom">The partner the transport vouches for (AS2 partnership, SFTP account, sender address), or null for a shared inbox.</param>
    public IdentificationResult IdentifyX12(string senderQualifier, string senderId, string receiverQualifier, string receiverId, PartnerProfile? receivedFrom)
    {
        string sender = $"{senderQualifier}:{senderId.TrimEnd()}";
        if (!_byX12.TryGetValue((senderQualifier, senderId.TrimEnd()), out var partner))
        {
            return new(IdentificationOutcome.UnknownSender, null, $"no partner profile has the X12 identity {sender}; add it to the sender's identities.x12, then reprocess");
        }
        var us = partner.OurIdentity.X12;
        if (us is null || us.Qualifier != receiverQualifier || us.Id != receiverId.TrimEnd())
        {
            return new(IdentificationOutcome.UnknownReceiver, partner,
                $"{sender} ({partner.Id}) sent to {receiverQualifier}:{receiverId.TrimEnd()}, but our identity with {partner.Id} is {us?.ToString() ?? "not set"}; correct ourIdentity.x12 or ask the partner to fix ISA07/ISA08");
        }
        return CheckTransport(partner, sender, receivedFrom);
    }

    /// <summary>Identifies an EDIFACT interchange from UNB S002 and S003.</summary>
    /// <param name="senderId">0004.</param>
    /// <param name="senderQualifier">0007, or null when absent.</param>
    /// <param name="recipientId">0010.</param>
    /// <param name="recipientQualifier">0007 of S003, or null when absent.</param>
    /// <param name="receivedFrom">The partner the transport vouches for, or null for a shared inbox.</param>
    public IdentificationResult IdentifyEdifact(string senderId, string? senderQualifier, string recipientId, string? recipientQualifier, PartnerProfile? receivedFrom)
    {
        string sender = senderQualifier is null ? senderId : $"{senderId}:{senderQualifier}";
        var partner = _byEdifact.GetValueOrDefault(senderId)?.FirstOrDefault(c => c.Qualifier is null || c.Qualifier == senderQualifier).Partner;
        if (partner is null)
        {
            return new(IdentificationOutcome.UnknownSender, null, $"no partner profile has the EDIFACT identity {sender}; add it to the sender's identities.edifact, then reprocess");
        }
        var us = partner.OurIdentity.Edifact;
        if (us is null || us.Id != recipientId || (us.Qualifier is not null && us.Qualifier != recipientQualifier))
        {
            string recipient = recipientQualifier is null ? recipientId : $"{recipientId}:{recipientQualifier}";
            return new(IdentificationOutcome.UnknownReceiver, partner,
                $"{sender} ({partner.Id}) sent to {recipient}, but our identity with {partner.Id} is {us?.ToString() ?? "not set"}; correct ourIdentity.edifact or ask the partner to fix UNB S003");
        }
        return CheckTransport(partner, sender, receivedFrom);
    }

    /// <summary>The partner's agreement for a document, or null.</summary>
    /// <param name="partner">The identified partner.</param>
    /// <param name="standard">X12 or EDIFACT.</param>
    /// <param name="version">GS08 (004010, or 004010VICS and the like, which match 004010) or the EDIFACT directory (D96A).</param>
    /// <param name="document">ST01 or UNH 0065.</param>
    /// <param name="direction">Inbound or outbound.</param>
    public static Agreement? FindAgreement(PartnerProfile partner, EdiStandard standard, string version, string document, DocumentDirection direction)
    {
        ArgumentNullException.ThrowIfNull(partner);
        ArgumentNullException.ThrowIfNull(version);
        string key = standard == EdiStandard.X12 && version.Length > 6 ? version[..6] : version;
        return partner.Agreements.FirstOrDefault(a =>
            a.Standard == standard && a.Version == key && a.Document == document && a.Direction == direction);
    }

    private static IdentificationResult CheckTransport(PartnerProfile partner, string sender, PartnerProfile? receivedFrom)
    {
        if (receivedFrom is not null && receivedFrom.Id != partner.Id)
        {
            return new(IdentificationOutcome.TransportMismatch, partner,
                $"the envelope says {sender} ({partner.Id}) but it arrived over {receivedFrom.Id}'s transport; a partner may only send its own identities");
        }
        return new(IdentificationOutcome.Identified, partner, $"identified as {partner.Id}");
    }
}
