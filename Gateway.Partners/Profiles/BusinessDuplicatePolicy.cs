using System.Text.Json.Serialization;

namespace Gateway.Partners.Profiles;

/// <summary>What to do with a document whose business reference (PO, ASN, invoice number) was already received.</summary>
public enum BusinessDuplicatePolicy
{
    /// <summary>Track it and hold it for a person to release or discard.</summary>
    [JsonStringEnumMemberName("hold")]
    Hold,

    /// <summary>Reject it: acknowledged as an error and not delivered.</summary>
    [JsonStringEnumMemberName("reject")]
    Reject,

    /// <summary>Deliver it anyway (the back end deduplicates).</summary>
    [JsonStringEnumMemberName("accept")]
    Accept,
}
