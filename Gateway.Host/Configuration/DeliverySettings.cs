namespace Gateway.Host.Configuration;

/// <summary>How back-end calls are retried: exponential backoff from the first delay, then the dead-letter queue.</summary>
internal sealed class DeliverySettings
{
    /// <summary>Attempts before a document is dead-lettered for a person.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>Delay before the second attempt; each later one doubles it.</summary>
    public double FirstRetrySeconds { get; init; } = 30;

    /// <summary>Back-end calls in flight at once for one received file.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>The longest delay between attempts.</summary>
    public double MaxRetrySeconds { get; init; } = 3600;
}
