using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.Tests.Partners;

/// <summary>Self-signed certificates made on the spot, so profile tests never depend on a file that expires.</summary>
internal static class TestCertificates
{
    /// <summary>The fake clock's time in profile tests; certificates are valid around it.</summary>
    public static readonly DateTimeOffset Now = new(2031, 5, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A public certificate in DER form (what a partner sends as .cer).</summary>
    public static byte[] Der(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var certificate = Create(subject, notBefore, notAfter);
        return certificate.Export(X509ContentType.Cert);
    }

    /// <summary>A key pair as a .pfx without a password.</summary>
    public static byte[] Pfx(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var certificate = Create(subject, notBefore, notAfter);
        return certificate.Export(X509ContentType.Pkcs12);
    }

    /// <summary>Writes certs/partner.cer and certs/ours.pfx, valid for a year either side of <see cref="Now"/>, under <paramref name="directory"/>.</summary>
    public static void WriteAs2Pair(string directory)
    {
        string certs = Directory.CreateDirectory(Path.Combine(directory, "certs")).FullName;
        File.WriteAllBytes(Path.Combine(certs, "partner.cer"), Der("partner.example", Now.AddYears(-1), Now.AddYears(1)));
        File.WriteAllBytes(Path.Combine(certs, "ours.pfx"), Pfx("distributor.example", Now.AddYears(-1), Now.AddYears(1)));
    }

    private static X509Certificate2 Create(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(notBefore, notAfter);
    }
}
