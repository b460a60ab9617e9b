namespace Gateway.Benchmarks;

/// <summary>The AS2 load's partner side lent to the soak: the same certificates, signed and encrypted 850s and profile.</summary>
internal static partial class As2Load
{
    /// <summary>Creates the certificates under <paramref name="certs"/> and returns a builder of signed, AES-256 encrypted messages with their expected MIC.</summary>
    public static Func<int, (string MessageId, byte[] Body, string Mic)> SoakMessages(string certs)
    {
        var certificates = CreateCertificates(certs);
        return number =>
        {
            var message = Build(number, certificates);
            return (message.MessageId, message.Body, message.Mic);
        };
    }

    /// <summary>The load's AS2 partner profile (ACME, synchronous signed MDN, no 997).</summary>
    public static string SoakProfile(int unusedPort) => Profile(unusedPort);

    /// <summary>Posts one message; null when the MDN said processed with the right MIC, else why not.</summary>
    public static async Task<string?> SoakPostAsync(HttpClient http, Uri url, string messageId, byte[] body, string mic)
    {
        var result = await PostAsync(http, url, new Message(messageId, body, mic, 0), keepMdn: false);
        return result.Failure;
    }
}
