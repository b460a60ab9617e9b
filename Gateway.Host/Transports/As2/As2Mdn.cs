using System.Security.Cryptography.X509Certificates;
using System.Text;
using Gateway.Partners.Profiles.Transports;

namespace Gateway.Host.Transports.As2;

/// <summary>
/// Message disposition notifications (RFC 3798 as AS2 uses them, RFC 4130 §7): built for what we receive, read and
/// verified for what we send. The MDN is a multipart/report with a human-readable part and a
/// message/disposition-notification part, signed when the sender asked.
/// </summary>
internal static class As2Mdn
{
    public const string ReportingUa = "EDI Gateway AS2";

    /// <summary>The fields of a disposition notification that AS2 uses.</summary>
    public sealed record Report(string? OriginalMessageId, string Disposition, string? Mic, string? MicAlg, string? FinalRecipient)
    {
        /// <summary>processed, or processed with a warning: the partner has the message.</summary>
        public bool Processed => DispositionValue.StartsWith("processed", StringComparison.OrdinalIgnoreCase)
            && !DispositionValue.Contains("/error", StringComparison.OrdinalIgnoreCase)
            && !DispositionValue.Contains("failure", StringComparison.OrdinalIgnoreCase);

        /// <summary>The disposition after its action mode: processed, processed/error: authentication-failed…</summary>
        public string DispositionValue => Disposition.Contains(';', StringComparison.Ordinal) ? Disposition[(Disposition.IndexOf(';', StringComparison.Ordinal) + 1)..].Trim() : Disposition.Trim();
    }

    /// <summary>A received MDN: what it says, and whether its signature is the partner's.</summary>
    public sealed record Received(Report Report, bool Signed);

    /// <summary>The MDN entity (headers and body) for a disposition; signed with <paramref name="signer"/> when given.</summary>
    public static byte[] Build(Report report, string ourAs2Id, string? text, X509Certificate2? signer, As2Algorithms.Digest? signDigest, DateTimeOffset now)
    {
        string boundary = "----=_As2Report_" + Guid.NewGuid().ToString("N");
        var fields = new StringBuilder();
        fields.Append("Reporting-UA: ").Append(ReportingUa).Append("\r\n");
        fields.Append("Original-Recipient: rfc822; ").Append(As2Names.Quoted(ourAs2Id)).Append("\r\n");
        fields.Append("Final-Recipient: rfc822; ").Append(As2Names.Quoted(ourAs2Id)).Append("\r\n");
        if (report.OriginalMessageId is { } original)
        {
            fields.Append("Original-Message-ID: ").Append(original).Append("\r\n");
        }
        if (report.Mic is { } mic)
        {
            fields.Append("Received-Content-MIC: ").Append(mic).Append(", ").Append(report.MicAlg).Append("\r\n");
        }
        fields.Append("Disposition: ").Append(report.Disposition).Append("\r\n");
        string human = text ?? (report.Processed
            ? $"The AS2 message {report.OriginalMessageId} was received and stored safely; its content will be processed. This receipt does not say whether the content is valid EDI."
            : $"The AS2 message {report.OriginalMessageId ?? "(no valid Message-ID)"} was refused: {report.DispositionValue}.");
        string body =
            $"--{boundary}\r\nContent-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 7bit\r\n\r\n{Ascii(human)}\r\n" +
            $"--{boundary}\r\nContent-Type: message/disposition-notification\r\nContent-Transfer-Encoding: 7bit\r\n\r\n{fields}\r\n" +
            $"--{boundary}--\r\n";
        byte[] entity = MimeBytes.Compose(
            [("Content-Type", $"multipart/report; report-type=disposition-notification; boundary=\"{boundary}\"")],
            Encoding.ASCII.GetBytes(body));
        return signer is null ? entity : As2Envelope.Signed(entity, signer, signDigest ?? As2Algorithms.Of(As2SigningAlgorithm.Sha256), now);
    }

    /// <summary>
    /// Reads an MDN entity; a signed one must verify against the partner's certificates. Throws
    /// <see cref="As2FailureException"/> when the MDN cannot be read or its signature is not the partner's.
    /// </summary>
    public static Received Read(byte[] entity, As2Settings partnership, IReadOnlyList<X509Certificate2> partnerSigners)
    {
        var top = MimeBytes.Read(entity);
        bool signed = false;
        if (top.ContentType.IsMimeType("multipart", "signed"))
        {
            var parts = As2Envelope.SignedParts(top, As2FailureException.AuthenticationFailed);
            byte[] report = parts[0].ToArray();
            As2Cms.Verify(report, MimeBytes.Read(parts[1]).DecodedBody(), partnerSigners, partnership);
            signed = true;
            top = MimeBytes.Read(report);
        }
        if (!top.ContentType.IsMimeType("multipart", "report"))
        {
            throw new As2FailureException(As2FailureException.UnexpectedProcessingError, $"the MDN is {top.ContentType.MimeType}, not multipart/report");
        }
        foreach (var part in MimeBytes.Parts(top.Body, top.ContentType.Boundary ?? throw new FormatException("the multipart/report has no boundary")))
        {
            var entityPart = MimeBytes.Read(part);
            if (!entityPart.ContentType.IsMimeType("message", "disposition-notification"))
            {
                continue;
            }
            byte[] block = entityPart.DecodedBody();
            var fields = MimeBytes.Read(block).Headers;
            string? micField = fields.GetValueOrDefault("received-content-mic");
            string? mic = null, micAlg = null;
            if (micField is not null)
            {
                int comma = micField.LastIndexOf(',');
                (mic, micAlg) = comma < 0 ? (micField.Trim(), null) : (micField[..comma].Trim(), micField[(comma + 1)..].Trim());
            }
            var report = new Report(
                fields.GetValueOrDefault("original-message-id"),
                fields.GetValueOrDefault("disposition") ?? throw new FormatException("the MDN has no Disposition field"),
                mic,
                micAlg,
                fields.GetValueOrDefault("final-recipient"));
            return new Received(report, signed);
        }
        throw new FormatException("the MDN has no message/disposition-notification part");
    }

    /// <summary>The disposition of a processed message, or of one refused with <paramref name="modifier"/>.</summary>
    public static string Disposition(string? modifier, bool warning = false) =>
        "automatic-action/MDN-sent-automatically; " + (modifier is null ? "processed" : warning ? $"processed/warning: {modifier}" : $"processed/error: {modifier}");

    /// <summary>The disposition when no requested MIC algorithm can be used.</summary>
    public const string UnsupportedMicAlgorithms = "automatic-action/MDN-sent-automatically; failed/Failure: unsupported MIC-algorithms";

    private static string Ascii(string text) => new(text.Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());
}
