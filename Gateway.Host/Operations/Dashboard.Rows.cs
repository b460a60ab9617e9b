namespace Gateway.Host.Operations;

internal sealed partial record Dashboard
{
    /// <summary>Documents received since midnight UTC: the count per status, and the three figures support looks at first.</summary>
    public sealed record ReceivedToday(int Total, int Delivered, int Errors, IReadOnlyDictionary<string, int> ByStatus);

    /// <summary>A partner whose documents failed in the last 24 hours; a null id stands for senders we could not identify.</summary>
    public sealed record PartnerErrors(string? PartnerId, int Rejected, int DeadLettered, int Quarantined, DateTimeOffset LastAt);

    /// <summary>A document we sent whose 997/999/CONTRL did not come in time.</summary>
    public sealed record OverdueAcknowledgment(string Id, string PartnerId, string Kind, string ControlNumber, string? BusinessReference, DateTimeOffset? SentAt, DateTimeOffset? DueAt);

    /// <summary>An order with a stuck step or a discrepancy (see <see cref="Orders.OrderJourney"/>).</summary>
    public sealed record StuckOrder(string PurchaseOrder, string? PartnerId, IReadOnlyList<string> Stuck, IReadOnlyList<string> Discrepancies);

    /// <summary>A document whose delivery failed for good: a person must fix and reprocess it.</summary>
    public sealed record DeadLetter(string Id, string? PartnerId, string Type, string? BusinessReference, DateTimeOffset ReceivedAt, string? LastResponse);

    /// <summary>A certificate that expires within <see cref="Certificates.CertificateEntry.SoonDays"/> days, has expired, or cannot be read.</summary>
    public sealed record ExpiringCertificate(string PartnerId, string Use, string? Subject, DateTimeOffset? NotAfter, int? DaysLeft, string Status, string? Problem);

    /// <summary>
    /// One partner's traffic over one transport: the last file received and sent (within <see cref="TrafficWindow"/>),
    /// sends and failed sends in the last 24 hours, what waits, and the last send error.
    /// </summary>
    public sealed record TransportHealth(
        string PartnerId,
        string Transport,
        bool Configured,
        DateTimeOffset? LastReceivedAt,
        DateTimeOffset? LastSentAt,
        int Sent,
        int Failed,
        int Queued,
        string? LastError,
        DateTimeOffset? LastErrorAt);

    /// <summary>What waits: outbound documents queued or failed, inbound documents waiting for delivery (Mapped, Retrying), and retries.</summary>
    public sealed record Queues(int OutboundQueued, int OutboundSendFailed, int WaitingForDelivery, int Retrying, int RetryAttempts);

    /// <summary>
    /// One back-end endpoint over the last 24 hours, from the documents' calls: attempts made, attempts that failed
    /// (every attempt but the one that delivered), calls failed for good. The last hour's calls, failures and latency
    /// come from the live call statistics of the metrics (null when they have none).
    /// </summary>
    public sealed record EndpointHealth(string Endpoint, int Calls, int Attempts, int FailedAttempts, int Failed, int Pending, double FailureRate)
    {
        public long? LastHourCalls { get; init; }

        public long? LastHourFailures { get; init; }

        public double? LatencyP50Milliseconds { get; init; }

        public double? LatencyP95Milliseconds { get; init; }
    }
}
