using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Gateway.Tests.Support;

/// <summary>
/// The <c>openssl</c> command line (OpenSSL 3) as an AS2/S-MIME peer that shares no code with the gateway: it makes the
/// certificates, signs, encrypts, decrypts and verifies, so a gateway bug cannot cancel itself out on both ends of a test.
/// </summary>
/// <remarks>
/// Debian's openssl has no zlib (no CMS compressed-data). <c>openssl cms -encrypt</c> here also takes
/// <c>aes-128-gcm</c>/<c>aes-256-gcm</c> and then writes AuthEnvelopedData (<c>smime-type=authEnveloped-data</c>).
/// </remarks>
internal static partial class OpensslPeer
{
    private const string Openssl = "openssl";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A self-signed RSA 2048 certificate (CN=<paramref name="name"/>, digitalSignature and keyEncipherment, emailProtection) with its
    /// key, DER copy and PFX in <paramref name="directory"/>, valid from <paramref name="now"/> + <paramref name="startsInDays"/> days
    /// for <paramref name="validDays"/> days (<c>startsInDays: -30, validDays: 29</c> expired yesterday).
    /// </summary>
    /// <remarks><paramref name="now"/> defaults to the system clock; pass a FakeTimeProvider's time to match it.</remarks>
    public static async Task<PeerCertificate> CreateCertificateAsync(string directory, string name, int validDays = 365, int startsInDays = 0, DateTimeOffset? now = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(validDays);
        string PathOf(string extension) => Path.Combine(directory, name + extension);
        var certificate = new PeerCertificate(name, PathOf(".key"), PathOf(".crt"), PathOf(".cer"), PathOf(".pfx"), Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));

        // openssl req -x509 cannot set notBefore in OpenSSL 3.0 (x509 -not_before came in 3.4), but "openssl ca -selfsign" can.
        string ca = Directory.CreateDirectory(PathOf(".ca")).FullName;
        File.WriteAllText(Path.Combine(ca, "index.txt"), "");
        string config = Path.Combine(ca, "ca.cnf");
        File.WriteAllText(config, $"""
            [ca]
            default_ca = peer
            [peer]
            database = {ca}/index.txt
            serial = {ca}/serial
            new_certs_dir = {ca}
            default_md = sha256
            policy = any
            unique_subject = no
            x509_extensions = extensions
            [any]
            commonName = supplied
            [extensions]
            basicConstraints = CA:FALSE
            keyUsage = digitalSignature, keyEncipherment
            extendedKeyUsage = emailProtection
            subjectKeyIdentifier = hash

            """);
        DateTimeOffset notBefore = (now ?? TimeProvider.System.GetUtcNow()).AddDays(startsInDays);
        DateTimeOffset notAfter = notBefore.AddDays(validDays);
        await RunAsync(null, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", $"/CN={name}", "-keyout", certificate.KeyPem, "-out", PathOf(".csr"));
        await RunAsync(null, "ca", "-batch", "-config", config, "-selfsign", "-keyfile", certificate.KeyPem, "-in", PathOf(".csr"), "-out", certificate.CertificatePem,
            "-startdate", AsnTime(notBefore), "-enddate", AsnTime(notAfter), "-notext", "-rand_serial");
        await RunAsync(null, "x509", "-in", certificate.CertificatePem, "-outform", "DER", "-out", certificate.CerPath);
        await RunAsync(null, "pkcs12", "-export", "-inkey", certificate.KeyPem, "-in", certificate.CertificatePem, "-name", name,
            "-passout", $"pass:{certificate.PfxPassword}", "-out", certificate.PfxPath);
        return certificate;
    }

    /// <summary>Signs a complete MIME entity (headers, blank line, body) as <c>openssl cms -sign -binary</c>: multipart/signed when detached, else application/pkcs7-mime.</summary>
    public static Task<byte[]> SignAsync(byte[] mimeEntity, PeerCertificate signer, string digest = "sha256", bool detached = true)
    {
        string[] opaque = detached ? [] : ["-nodetach"];
        return RunAsync(mimeEntity, ["cms", "-sign", "-binary", "-md", digest, "-signer", signer.CertificatePem, "-inkey", signer.KeyPem, "-outform", "SMIME", .. opaque]);
    }

    /// <summary>Encrypts a MIME entity to <paramref name="recipient"/> with <c>-<paramref name="cipher"/></c> (aes128, aes256, aes-128-gcm…), RSA PKCS#1 v1.5 key transport unless an OAEP digest (sha1, sha256, sha512) is given.</summary>
    public static Task<byte[]> EncryptAsync(byte[] mimeEntity, PeerCertificate recipient, string cipher = "aes256", string? oaepDigest = null, string outform = "SMIME")
    {
        string[] oaep = oaepDigest is null ? [] : ["-keyopt", "rsa_padding_mode:oaep", "-keyopt", $"rsa_oaep_md:{oaepDigest}", "-keyopt", $"rsa_mgf1_md:{oaepDigest}"];
        return RunAsync(mimeEntity, ["cms", "-encrypt", "-binary", $"-{cipher}", "-recip", recipient.CertificatePem, .. oaep, "-outform", outform]);
    }

    /// <summary>Decrypts S/MIME or DER enveloped data with the recipient's key; returns the MIME entity inside.</summary>
    public static Task<byte[]> DecryptAsync(byte[] smimeOrDer, PeerCertificate recipient, string inform = "SMIME") =>
        RunAsync(smimeOrDer, "cms", "-decrypt", "-binary", "-inform", inform, "-recip", recipient.CertificatePem, "-inkey", recipient.KeyPem);

    /// <summary>Verifies a signed S/MIME message whose signer must be <paramref name="signer"/> (its own trust anchor) and returns the signed content; throws when it does not verify.</summary>
    public static Task<byte[]> VerifyAsync(byte[] signedSmime, PeerCertificate signer) => RunAsync(signedSmime, VerifyArguments(signer));

    /// <summary>
    /// Whether a multipart/signed message (a signed MDN) verifies with <c>openssl smime -verify</c> as signed by
    /// <paramref name="signer"/>, whatever the certificate's key usage, and its signed part is canonical (CRLF only); feed an
    /// HTTP response as <c>"Content-Type: …\r\n\r\n" + body</c>.
    /// </summary>
    /// <remarks>
    /// <c>smime -verify</c> reads the CRLF before a boundary as the boundary's (RFC 2046 §5.1.1), as AS2 products do, but turns
    /// every line end inside the part into CRLF, so a bare LF is checked here. <c>cms -verify -binary</c> would not do: it keeps
    /// the CR before the boundary as content, which only openssl's own LF-before-boundary output satisfies.
    /// </remarks>
    public static async Task<bool> SmimeVerifiesAsync(byte[] signedSmime, PeerCertificate signer)
    {
        byte[] part = ExtractFirstPart(signedSmime);
        bool canonical = !part.Select((b, i) => b == (byte)'\n' && (i == 0 || part[i - 1] != (byte)'\r')).Any(bare => bare);
        var result = await RunCoreAsync(signedSmime, ["smime", "-verify", "-CAfile", signer.CertificatePem, "-nointern", "-certfile", signer.CertificatePem, "-purpose", "any"]);
        return canonical && result.ExitCode == 0;
    }

    // -nointern with -certfile: the signer must be this very certificate, not merely one that chains to it.
    private static string[] VerifyArguments(PeerCertificate signer) =>
        ["cms", "-verify", "-binary", "-inform", "SMIME", "-CAfile", signer.CertificatePem, "-nointern", "-certfile", signer.CertificatePem];

    /// <summary>Base64 of <c>openssl dgst -<paramref name="digest"/> -binary</c> over the bytes: the form of Received-Content-MIC.</summary>
    public static async Task<string> DigestBase64Async(byte[] data, string digest = "sha256") =>
        Convert.ToBase64String(await RunAsync(data, "dgst", $"-{digest}", "-binary"));

    /// <summary>openssl's <c>-cmsout -print</c> dump of CMS data, to check which algorithms a producer used (rsaesOaep, aes-256-cbc…).</summary>
    public static async Task<string> DescribeAsync(byte[] cms, string inform = "SMIME") =>
        Encoding.UTF8.GetString(await RunAsync(cms, "cms", "-cmsout", "-print", "-inform", inform));

    /// <summary>Splits S/MIME output into its top Content-Type and Content-Transfer-Encoding (unfolded) and the body after the blank line, as AS2 sends them (HTTP headers and body).</summary>
    public static (string ContentType, string? TransferEncoding, byte[] Body) SplitHeaders(byte[] smime)
    {
        string? contentType = null;
        string? transferEncoding = null;
        var header = new StringBuilder();
        int position = 0;
        while (true)
        {
            int end = Array.IndexOf(smime, (byte)'\n', position);
            if (end < 0)
            {
                throw new FormatException("No blank line after the MIME headers.");
            }
            string line = Encoding.Latin1.GetString(smime, position, end - position).TrimEnd('\r');
            position = end + 1;
            if (line.Length > 0 && line[0] is ' ' or '\t')
            {
                header.Append(line);
                continue;
            }
            Take(header.ToString());
            header.Clear().Append(line);
            if (line.Length == 0)
            {
                return (contentType ?? throw new FormatException("No Content-Type header."), transferEncoding, smime[position..]);
            }
        }

        void Take(string field)
        {
            int colon = field.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return;
            }
            string value = field[(colon + 1)..].Trim();
            switch (field[..colon].Trim().ToUpperInvariant())
            {
                case "CONTENT-TYPE":
                    contentType = value;
                    break;
                case "CONTENT-TRANSFER-ENCODING":
                    transferEncoding = value;
                    break;
            }
        }
    }

    /// <summary>
    /// The exact bytes of the first body part of a multipart/signed (headers included): what the signature and the MIC cover.
    /// The line end before a boundary line belongs to the boundary (openssl writes LF there, MimeKit CRLF).
    /// </summary>
    public static byte[] ExtractFirstPart(byte[] multipartSigned) => ExtractParts(multipartSigned)[0];

    /// <summary>
    /// Verifies a multipart/signed the exact RFC 1847 way, outside openssl's MIME reader: the first part's bytes (RFC 2046
    /// boundaries) against the detached signature of the second, with <c>openssl cms -verify -binary -content</c>; returns the
    /// signed part and throws when the signature is not <paramref name="signer"/>'s or does not match.
    /// </summary>
    /// <remarks>
    /// <c>cms -verify -binary</c> on the whole S/MIME text keeps the CR before a boundary as content, which only openssl's own
    /// LF-before-boundary output satisfies; <c>smime -verify</c> turns bare LFs of a binary payload into CRLF.
    /// </remarks>
    public static async Task<byte[]> VerifyDetachedAsync(byte[] multipartSigned, PeerCertificate signer)
    {
        var parts = ExtractParts(multipartSigned);
        (_, string? encoding, byte[] signatureBody) = SplitHeaders(parts[1]);
        byte[] signature = encoding?.Equals("base64", StringComparison.OrdinalIgnoreCase) == true
            ? Convert.FromBase64String(Encoding.ASCII.GetString(signatureBody))
            : signatureBody;
        string content = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(content, parts[0]);
            await RunAsync(signature, ["cms", "-verify", "-binary", "-inform", "DER", "-content", content, "-CAfile", signer.CertificatePem, "-nointern", "-certfile", signer.CertificatePem, "-purpose", "any", "-out", "/dev/null"]);
            return parts[0];
        }
        finally
        {
            File.Delete(content);
        }
    }

    /// <summary>The body parts of a multipart entity, byte-exact, without the line ends that belong to the boundaries.</summary>
    public static IReadOnlyList<byte[]> ExtractParts(byte[] multipart)
    {
        (string contentType, _, byte[] body) = SplitHeaders(multipart);
        Match boundary = BoundaryParameter().Match(contentType);
        if (!boundary.Success)
        {
            throw new FormatException($"No boundary in Content-Type: {contentType}");
        }
        byte[] delimiter = Encoding.Latin1.GetBytes("--" + (boundary.Groups[1].Success ? boundary.Groups[1].Value : boundary.Groups[2].Value));
        var parts = new List<byte[]>();
        int opening = body.AsSpan().StartsWith(delimiter) ? 0 : IndexOfDelimiterLine(body, delimiter, 0);
        while (opening >= 0)
        {
            int openingEnd = Array.IndexOf(body, (byte)'\n', opening);
            int next = openingEnd < 0 ? -1 : IndexOfDelimiterLine(body, delimiter, openingEnd + 1);
            if (next < 0)
            {
                break;
            }
            int start = openingEnd + 1;
            // body[next - 1] is the LF that ends the part; a CR before it belongs to that line end too.
            int end = next - 1 > start && body[next - 2] == '\r' ? next - 2 : next - 1;
            parts.Add(body[start..end]);
            opening = next;
        }
        return parts.Count > 0 ? parts : throw new FormatException("The multipart body lacks its first part's boundaries.");
    }

    /// <summary>Where the next line that starts with "--boundary" begins, searching from <paramref name="from"/>; -1 if none.</summary>
    private static int IndexOfDelimiterLine(byte[] body, byte[] delimiter, int from)
    {
        byte[] needle = [(byte)'\n', .. delimiter];
        int index = body.AsSpan(from).IndexOf(needle);
        return index < 0 ? -1 : from + index + 1;
    }

    private static string AsnTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMddHHmmss'Z'", CultureInfo.InvariantCulture);

    private static async Task<byte[]> RunAsync(byte[]? input, params string[] arguments)
    {
        var result = await RunCoreAsync(input, arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Openssl} {string.Join(' ', arguments)} exited with {result.ExitCode}: {result.Error}");
        }
        return result.Output;
    }

    private static async Task<(int ExitCode, byte[] Output, string Error)> RunCoreAsync(byte[]? input, string[] arguments)
    {
        var start = new ProcessStartInfo(Openssl) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var timeout = new CancellationTokenSource(Timeout);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Openssl} did not start");
        using var output = new MemoryStream();
        Task copy = process.StandardOutput.BaseStream.CopyToAsync(output, timeout.Token);
        Task<string> error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            try
            {
                if (input is not null)
                {
                    await process.StandardInput.BaseStream.WriteAsync(input, timeout.Token);
                }
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // openssl quit before reading all input (a bad argument, say): its exit code and stderr tell why.
            }
            await Task.WhenAll(copy, error);
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Openssl} {string.Join(' ', arguments)} did not finish within {Timeout.TotalSeconds} s");
        }
        return (process.ExitCode, output.ToArray(), await error);
    }

    [GeneratedRegex("""boundary\s*=\s*(?:"([^"]*)"|([^;\s]+))""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BoundaryParameter();
}

/// <summary>The files of a certificate <see cref="OpensslPeer"/> made: PEM key and certificate for openssl, DER and PFX for the gateway.</summary>
internal sealed record PeerCertificate(string Name, string KeyPem, string CertificatePem, string CerPath, string PfxPath, string PfxPassword);
