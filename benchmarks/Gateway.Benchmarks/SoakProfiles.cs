namespace Gateway.Benchmarks;

/// <summary>The soak's folder and SFTP partners, their orders, and a percentile helper.</summary>
internal static class SoakProfiles
{
    public const string Folder = """
        id: folderco
        name: Folder partner (soak)
        identities:
          x12:
            - { qualifier: ZZ, id: FOLDERCO }
        ourIdentity:
          x12: { qualifier: ZZ, id: DISTRIBUTOR }
        agreements:
          - { standard: x12, version: "004010", document: "850", direction: inbound, endpoint: erp }
        transports:
          folder: { inbox: folders/folderco/inbox, outbox: folders/folderco/outbox }
        """;

    /// <summary>An SFTP partner on the script's sshd; its 997s go back to the same server.</summary>
    public static string Sftp(string inboundFolder) => $$"""
        id: sftpco
        name: SFTP partner (soak)
        identities:
          x12:
            - { qualifier: ZZ, id: SFTPCO }
        ourIdentity:
          x12: { qualifier: ZZ, id: DISTRIBUTOR }
        agreements:
          - { standard: x12, version: "004010", document: "850", direction: inbound, endpoint: erp }
        transports:
          sftp:
            host: 127.0.0.1
            port: {{Environment.GetEnvironmentVariable("SOAK_SFTP_PORT")}}
            user: {{Environment.GetEnvironmentVariable("SOAK_SFTP_USER")}}
            hostKeyFingerprint: {{Environment.GetEnvironmentVariable("SOAK_SFTP_FINGERPRINT")}}
            privateKey: { file: {{Environment.GetEnvironmentVariable("SOAK_SFTP_KEY")}} }
            inboundFolder: {{inboundFolder}}
            outboundFolder: {{Environment.GetEnvironmentVariable("SOAK_SFTP_OUTBOUND")}}
            fileMask: "*.edi"
            schedule: "* * * * * *"
            timeoutSeconds: 10
        """;

    /// <summary>A 20-line 850 from <paramref name="sender"/> with ISA13 and GS06 = <paramref name="number"/>.</summary>
    public static string Order(string sender, int number) =>
        EndToEnd.SingleOrder(number)
            .Replace("*ZZ*ACME           *", $"*ZZ*{sender,-15}*", StringComparison.Ordinal)
            .Replace("GS*PO*ACME*", $"GS*PO*{sender}*", StringComparison.Ordinal);

    public static double Percentile(double[] values, double fraction)
    {
        if (values.Length == 0)
        {
            return 0;
        }
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
    }
}
