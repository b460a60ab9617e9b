namespace Gateway.Host.Certificates;

/// <summary>Where a certificate stands at a given moment, so the CLI, the expiry job and the console say the same thing.</summary>
internal enum CertificateStatus
{
    /// <summary>Valid, and more than <see cref="CertificateEntry.SoonDays"/> days left.</summary>
    Ok,

    /// <summary>Valid, but expiring within <see cref="CertificateEntry.SoonDays"/> days.</summary>
    ExpiresSoon,

    /// <summary>Past its end date.</summary>
    Expired,

    /// <summary>Its start date is still ahead (normal for a rollover certificate).</summary>
    NotYetValid,

    /// <summary>The file could not be read as the profile says (see <see cref="CertificateEntry.Problem"/>).</summary>
    Problem,
}
