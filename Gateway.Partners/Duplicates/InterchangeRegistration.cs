namespace Gateway.Partners.Duplicates;

/// <summary>An interchange as first registered.</summary>
/// <param name="Key">The interchange.</param>
/// <param name="TrackingId">The tracking id it was first received under.</param>
/// <param name="ReceivedAt">When it was first received.</param>
public sealed record InterchangeRegistration(InterchangeKey Key, string TrackingId, DateTimeOffset ReceivedAt);
