using System.Buffers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cronos;
using Gateway.Partners.Profiles;
using Gateway.Partners.Profiles.Transports;

namespace Gateway.Partners.Loading;

internal sealed partial class ProfileChecker
{
    private void CheckTransports()
    {
        var transports = profile.Transports;
        if (!Enum.GetValues<TransportKind>().Any(transports.Has) && !errors.HasProblemAt("transports"))
        {
            errors.AddAt("transports", "no transport: add at least one of as2, sftp, email or folder");
        }
        if (transports.As2 is { } as2)
        {
            CheckAs2(as2, "transports.as2");
        }
        if (transports.Sftp is { } sftp)
        {
            CheckSftp(sftp, "transports.sftp");
        }
        if (transports.Email is { } email)
        {
            CheckEmail(email, "transports.email");
        }
    }

    private void CheckEmail(EmailSettings email, string path)
    {
        if (email.AllowedSenders.Count == 0)
        {
            errors.AddAt($"{path}.allowedSenders", "empty: list the addresses the partner sends from");
        }
        if (email.PartnerCertificate is { } partner)
        {
            CheckCertificate(partner, $"{path}.partnerCertificate");
        }
        else if (email.RequireSignature || email.Encrypt)
        {
            errors.AddAt($"{path}.partnerCertificate", $"missing: {(email.RequireSignature ? "requireSignature" : "encrypt")} needs the partner's certificate (.cer)");
        }
        if (email.OurCertificate is { } ours)
        {
            CheckKeyPair(ours, $"{path}.ourCertificate");
        }
        else if (email.Sign)
        {
            errors.AddAt($"{path}.ourCertificate", "missing: sign needs our certificate with its private key (.pfx) and a password reference");
        }
    }

    private void CheckAs2(As2Settings as2, string path)
    {
        CheckUrl(as2.Url, $"{path}.url");
        if (as2.Mdn == MdnMode.Async && as2.AsyncMdnUrl is null)
        {
            errors.AddAt($"{path}.asyncMdnUrl", "missing: mdn is async, so give the URL where the partner posts MDNs back to us");
        }
        else if (as2.AsyncMdnUrl is { } mdnUrl)
        {
            CheckUrl(mdnUrl, $"{path}.asyncMdnUrl");
        }
        if (!as2.AllowLegacyAlgorithms)
        {
            if (as2.Signing == As2SigningAlgorithm.Sha1)
            {
                errors.AddAt($"{path}.signing", "sha1 is a legacy algorithm; use sha256, or set allowLegacyAlgorithms: true if the partner cannot do better");
            }
            if (as2.Encryption == As2EncryptionAlgorithm.TripleDes)
            {
                errors.AddAt($"{path}.encryption", "3des is a legacy algorithm; use aes256, or set allowLegacyAlgorithms: true if the partner cannot do better");
            }
        }
        if (as2.Encryption == As2EncryptionAlgorithm.None && as2.Url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            errors.AddAt($"{path}.encryption", "none over plain http would send documents readable by anyone on the way; encrypt or use an https URL");
        }
        CheckCertificate(as2.PartnerCertificate, $"{path}.partnerCertificate", rolledOver: as2.NextPartnerCertificate is not null);
        if (as2.PartnerEncryptionCertificate is { } encryption)
        {
            CheckCertificate(encryption, $"{path}.partnerEncryptionCertificate");
        }
        if (as2.NextPartnerCertificate is { } next)
        {
            CheckCertificate(next, $"{path}.nextPartnerCertificate", upcoming: true);
        }
        if (as2.PartnerMdnUrl is { } partnerMdnUrl)
        {
            CheckUrl(partnerMdnUrl, $"{path}.partnerMdnUrl");
        }
        CheckKeyPair(as2.OurCertificate, $"{path}.ourCertificate");
    }

    private void CheckSftp(SftpSettings sftp, string path)
    {
        if (sftp.Password is null && sftp.PrivateKey is null && !errors.HasProblemAt($"{path}.password") && !errors.HasProblemAt($"{path}.privateKey"))
        {
            errors.AddAt(path, "no credential: add password (env:NAME or file:PATH) or privateKey");
        }
        else if (sftp.Password is not null && sftp.PrivateKey is not null)
        {
            errors.AddAt(path, "both password and privateKey are given; keep the one the partner's server expects");
        }
        if (sftp.Password is { } password)
        {
            CheckSecret(password, $"{path}.password");
        }
        if (sftp.PrivateKey is { } key)
        {
            CheckFile(key.File, $"{path}.privateKey.file");
            if (key.Password is { } passphrase)
            {
                CheckSecret(passphrase, $"{path}.privateKey.password");
            }
        }
        if (sftp.InboundFolder is null && sftp.OutboundFolder is null)
        {
            errors.AddAt(path, "neither inboundFolder nor outboundFolder is given: say where we pick up, where we upload, or both");
        }
        if (sftp.AfterPickup == AfterPickup.Move && sftp.MoveTo is null)
        {
            errors.AddAt($"{path}.moveTo", "missing: afterPickup is move, so give the remote folder to move picked-up files to");
        }
        int fields = sftp.Schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6))
        {
            errors.AddAt($"{path}.schedule", $"'{sftp.Schedule}' has {fields} fields; write five, minute hour day month weekday, such as */5 * * * * (every five minutes), or six with seconds first");
            return;
        }
        try
        {
            CronExpression.Parse(sftp.Schedule, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException exception)
        {
            errors.AddAt($"{path}.schedule", $"'{sftp.Schedule}' is not a cron schedule ({exception.Message.TrimEnd('.')}); write five fields, minute hour day month weekday, such as */5 * * * *");
        }
    }

    private void CheckUrl(string url, string path)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors.AddAt(path, $"'{url}' is not an http(s) URL; write it in full, such as https://as2.partner.example/receive");
        }
    }

    private bool CheckFile(string file, string path)
    {
        if (file.AsSpan().ContainsAny(InvalidPathCharacters))
        {
            errors.AddAt(path, "the file name holds a control character the file system refuses; write the path as plain text");
            return false;
        }
        if (!File.Exists(FullPath(file)))
        {
            errors.AddAt(path, $"file {Path.Combine(options.ProfilesDirectory, file)} does not exist; put the file there or correct the path (relative to {options.ProfilesDirectory})");
            return false;
        }
        return true;
    }

    private static readonly SearchValues<char> InvalidPathCharacters = SearchValues.Create(Path.GetInvalidPathChars());

    private string FullPath(string file) => Path.GetFullPath(file, Path.GetFullPath(options.ProfilesDirectory));

    // upcoming: a rollover certificate may start in the future. rolledOver: the next certificate takes over when this one expires.
    private void CheckCertificate(string file, string path, bool upcoming = false, bool rolledOver = false)
    {
        if (!CheckFile(file, path))
        {
            return;
        }
        try
        {
            using var certificate = X509CertificateLoader.LoadCertificateFromFile(FullPath(file));
            CheckValidity(certificate, path, upcoming, rolledOver);
        }
        catch (CryptographicException exception)
        {
            errors.AddAt(path, $"{file} is not a certificate in PEM or DER form ({exception.Message.TrimEnd('.')}); ask the partner for their public certificate (.cer)");
        }
    }

    private void CheckKeyPair(KeyReference key, string path)
    {
        if (!CheckFile(key.File, $"{path}.file"))
        {
            return;
        }
        string? password = null;
        if (key.Password is { } reference)
        {
            if (!reference.TryResolve(options.ProfilesDirectory, out password, out string? problem))
            {
                errors.AddAt($"{path}.password", $"{problem}, so {key.File} could not be opened here; the gateway needs it where it runs", ProfileSeverity.Warning);
                return;
            }
        }
        try
        {
            using var certificate = X509CertificateLoader.LoadPkcs12FromFile(FullPath(key.File), password);
            if (!certificate.HasPrivateKey)
            {
                errors.AddAt($"{path}.file", $"{key.File} holds no private key; export our certificate with its key as .pfx/.p12");
                return;
            }
            CheckValidity(certificate, $"{path}.file");
        }
        catch (CryptographicException exception)
        {
            errors.AddAt($"{path}.file", $"{key.File} cannot be opened as a .pfx/.p12 key pair ({exception.Message.TrimEnd('.')}); check the file and its password reference");
        }
    }

    private void CheckValidity(X509Certificate2 certificate, string path, bool upcoming = false, bool rolledOver = false)
    {
        var now = options.TimeProvider.GetUtcNow();
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        string subject = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (notAfter < now && rolledOver)
        {
            errors.AddAt(path, $"certificate '{subject}' expired on {notAfter:yyyy-MM-dd}; nextPartnerCertificate has taken over: make it partnerCertificate", ProfileSeverity.Warning);
        }
        else if (notAfter < now)
        {
            errors.AddAt(path, $"certificate '{subject}' expired on {notAfter:yyyy-MM-dd}; get a renewed one from its owner");
        }
        else if (notBefore > now && !upcoming)
        {
            errors.AddAt(path, $"certificate '{subject}' is not valid before {notBefore:yyyy-MM-dd}");
        }
        else if (notAfter < now.AddDays(options.CertificateWarningDays))
        {
            errors.AddAt(path, $"certificate '{subject}' expires on {notAfter:yyyy-MM-dd}, in {(int)(notAfter - now).TotalDays} days; arrange the renewal with its owner now", ProfileSeverity.Warning);
        }
    }

    private void CheckSecret(SecretReference secret, string path)
    {
        if (!secret.TryResolve(options.ProfilesDirectory, out _, out string? problem))
        {
            errors.AddAt(path, $"{problem}; the gateway needs it where it runs", ProfileSeverity.Warning);
        }
    }
}
