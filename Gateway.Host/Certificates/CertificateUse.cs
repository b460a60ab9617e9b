namespace Gateway.Host.Certificates;

/// <summary>What a certificate is for with one partner, in the words operators see in logs, the CLI and the console.</summary>
internal static class CertificateUse
{
    /// <summary>The partner's AS2 certificate when it also encrypts (no partnerEncryptionCertificate).</summary>
    public const string As2Partner = "as2 partner (verify, encrypt)";

    /// <summary>The partner's AS2 certificate when a separate one encrypts.</summary>
    public const string As2PartnerVerify = "as2 partner (verify)";

    /// <summary>The partner's separate AS2 encryption certificate.</summary>
    public const string As2PartnerEncryption = "as2 partner encryption";

    /// <summary>The partner's next AS2 certificate, for a rollover.</summary>
    public const string As2PartnerNext = "as2 partner next";

    /// <summary>Our AS2 key pair.</summary>
    public const string As2Ours = "as2 ours (sign, decrypt)";

    /// <summary>The partner's S/MIME certificate.</summary>
    public const string EmailPartner = "email partner";

    /// <summary>Our S/MIME key pair.</summary>
    public const string EmailOurs = "email ours";

    /// <summary>Whether the certificate is ours to renew (rather than the partner's).</summary>
    public static bool IsOurs(string use) => use is As2Ours or EmailOurs;
}
