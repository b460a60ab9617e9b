namespace Gateway.Partners.Loading;

/// <summary>Where profiles live and what they may refer to; a check is skipped when what it needs is not given.</summary>
public sealed class ProfileCheckOptions
{
    /// <summary>The profiles folder; certificate and key paths in profiles are relative to it.</summary>
    public required string ProfilesDirectory { get; init; }

    /// <summary>The maps folder an agreement's <c>map</c> must name a file in; null skips the check.</summary>
    public string? MapsDirectory { get; init; }

    /// <summary>The back-end endpoint names from appsettings.json an agreement's <c>endpoint</c> must be one of; null skips the check.</summary>
    public IReadOnlySet<string>? Endpoints { get; init; }

    /// <summary>The clock certificates are checked against.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>A certificate expiring within this many days gives a warning.</summary>
    public int CertificateWarningDays { get; init; } = 30;
}
