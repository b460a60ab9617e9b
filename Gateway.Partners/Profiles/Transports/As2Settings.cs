using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Gateway.Partners.Profiles.Transports;

/// <summary>An AS2 partnership (RFC 4130): ids, URL, certificates and algorithms.</summary>
public sealed class As2Settings
{
    [Required]
    [StringLength(128, MinimumLength = 1)]
    [RegularExpression("^[\\x21-\\x7E]([\\x20-\\x7E]*[\\x21-\\x7E])?$", ErrorMessage = "use printable ASCII without leading or trailing spaces")]
    [Description("The partner's AS2-From id.")]
    public string PartnerAs2Id { get; init; } = "";

    [Required]
    [StringLength(128, MinimumLength = 1)]
    [RegularExpression("^[\\x21-\\x7E]([\\x20-\\x7E]*[\\x21-\\x7E])?$", ErrorMessage = "use printable ASCII without leading or trailing spaces")]
    [Description("Our AS2 id with this partner (their AS2-To).")]
    public string OurAs2Id { get; init; } = "";

    [Required]
    [Description("The partner's AS2 URL we post to (https:// strongly preferred).")]
    public string Url { get; init; } = "";

    [Required]
    [Description("The partner's certificate file (.cer/.pem/.crt): verifies their signatures, and encrypts to them unless partnerEncryptionCertificate is set. Relative to partner-profiles/.")]
    public string PartnerCertificate { get; init; } = "";

    [Description("The partner's encryption certificate when it differs from partnerCertificate.")]
    public string? PartnerEncryptionCertificate { get; init; }

    [Description("The partner's next certificate, for a rollover: signatures from either verify while each is within its validity, and we encrypt to this one from its start date.")]
    public string? NextPartnerCertificate { get; init; }

    [Required]
    [Description("Our key pair for this partnership (.pfx/.p12): signs what we send and decrypts what we receive.")]
    public KeyReference OurCertificate { get; init; } = new();

    [Description("sha256 (default), sha384, sha512; sha1 only with allowLegacyAlgorithms.")]
    public As2SigningAlgorithm Signing { get; init; } = As2SigningAlgorithm.Sha256;

    [Description("aes256 (default), aes128, aes192, aes128gcm, aes256gcm, none; 3des only with allowLegacyAlgorithms.")]
    public As2EncryptionAlgorithm Encryption { get; init; } = As2EncryptionAlgorithm.Aes256;

    [Description("none (default), beforeSigning or afterSigning.")]
    public As2Compression Compression { get; init; } = As2Compression.None;

    [Description("How we ask for MDNs: sync (default), async or none.")]
    public MdnMode Mdn { get; init; } = MdnMode.Sync;

    [Description("Ask for signed MDNs (default true).")]
    public bool MdnSigned { get; init; } = true;

    [Description("Our URL for asynchronous MDNs, sent as Receipt-Delivery-Option (required when mdn is async).")]
    public string? AsyncMdnUrl { get; init; }

    [Description("Where the partner takes asynchronous MDNs. A Receipt-Delivery-Option naming any other URL gets its MDN in the HTTP response instead; without this, the URL must have the scheme, host and port of url.")]
    public string? PartnerMdnUrl { get; init; }

    [Range(1, 2048)]
    [Description("Largest message we accept from this partner, in MB. Default 100.")]
    public int MaxMessageSizeMb { get; init; } = 100;

    [Description("Allow SHA-1 and 3DES for a partner that cannot do better. Default false.")]
    public bool AllowLegacyAlgorithms { get; init; }
}
