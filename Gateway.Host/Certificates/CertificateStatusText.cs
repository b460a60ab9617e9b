namespace Gateway.Host.Certificates;

/// <summary>The words every screen and answer uses for a <see cref="CertificateStatus"/>, and the console's style class.</summary>
internal static class CertificateStatusText
{
    public static (string Word, string Class) Describe(this CertificateStatus status) => status switch
    {
        CertificateStatus.Ok => ("ok", "ok"),
        CertificateStatus.ExpiresSoon => ("expires soon", "warn"),
        CertificateStatus.NotYetValid => ("not yet valid", "warn"),
        CertificateStatus.Expired => ("expired", "bad"),
        _ => ("problem", "bad"),
    };
}
