using Gateway.Host.Admin.Metrics;
using Gateway.Host.Certificates;
using Gateway.Host.Configuration;
using Gateway.Host.Orders;
using Gateway.Host.Tracking;
using Gateway.Partners.Profiles;

namespace Gateway.Host.Operations;

/// <summary>
/// What needs attention now, read from the tracking store in one go for the console's front page and
/// <c>GET /api/dashboard</c>. Every query is bounded (a window and <see cref="Limit"/> rows), so the page stays quick
/// on a busy gateway; the figures say what their window is.
/// </summary>
internal sealed partial record Dashboard(
    DateTimeOffset At,
    Dashboard.ReceivedToday Today,
    IReadOnlyList<Dashboard.PartnerErrors> PartnersWithErrors,
    IReadOnlyList<Dashboard.OverdueAcknowledgment> OverdueAcknowledgments,
    IReadOnlyList<Dashboard.StuckOrder> StuckOrders,
    int DeadLettered,
    IReadOnlyList<Dashboard.DeadLetter> DeadLetters,
    IReadOnlyList<Dashboard.ExpiringCertificate> Certificates,
    IReadOnlyList<Dashboard.TransportHealth> Transports,
    Dashboard.Queues Queue,
    IReadOnlyList<Dashboard.EndpointHealth> Endpoints)
{
    /// <summary>The most rows any one query reads.</summary>
    public const int Limit = 10_000;

    /// <summary>How far back the last receipt and send of each transport are looked for.</summary>
    public static readonly TimeSpan TrafficWindow = TimeSpan.FromDays(7);

    /// <summary>How far back orders are checked for stuck steps (the API's <c>/api/orders/stuck</c> looks over the retention period).</summary>
    public const int StuckOrderDays = 30;

    private const int ListLimit = 100;

    /// <summary>Reads the dashboard now; <paramref name="liveCalls"/> (the metrics' last hour of back-end calls) adds latency, when given.</summary>
    public static Dashboard Build(ITrackingStore store, IReadOnlyList<PartnerProfile> partners, GatewaySettings settings, DateTimeOffset now, IReadOnlyList<EndpointCallStats>? liveCalls = null)
    {
        var dayAgo = now.AddDays(-1);
        var midnight = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        // Midnight UTC is always within the last 24 hours: one read serves "today" and "the last 24 hours".
        var recent = store.DocumentsReceivedSince(dayAgo, null, Limit);
        var today = recent.Where(d => d.ReceivedAt >= midnight).ToList();
        var byStatus = today.GroupBy(d => d.Status).OrderBy(g => g.Key).ToDictionary(g => g.Key.ToString(), g => g.Count(), StringComparer.Ordinal);
        var received = new ReceivedToday(today.Count, today.Count(d => d.Status == DocumentStatus.Delivered), today.Count(d => IsError(d.Status)), byStatus);

        var partnersWithErrors = recent.Where(d => IsError(d.Status))
            .GroupBy(d => d.PartnerId)
            .Select(g => new PartnerErrors(g.Key,
                g.Count(d => d.Status == DocumentStatus.Rejected),
                g.Count(d => d.Status == DocumentStatus.DeadLettered),
                g.Count(d => d.Status == DocumentStatus.Quarantined),
                g.Max(d => d.ReceivedAt)))
            .OrderByDescending(p => p.Rejected + p.DeadLettered + p.Quarantined)
            .ThenBy(p => p.PartnerId, StringComparer.Ordinal)
            .ToList();

        var overdue = store.OverdueAcknowledgments(ListLimit)
            .Select(o => new OverdueAcknowledgment(o.Id, o.PartnerId, o.Kind, o.ControlNumber, o.BusinessReference, o.SentAt, o.AcknowledgmentDueAt))
            .ToList();
        var stuck = OrderJourney.NeedingAttention(store, settings.Orders, now, Math.Min(StuckOrderDays, settings.RetentionDays))
            .Select(j => new StuckOrder(j.PurchaseOrder, j.PartnerId, j.Stuck, j.Discrepancies))
            .ToList();
        var deadLetters = store.QueryDocuments(new DocumentQuery { Status = DocumentStatus.DeadLettered, Take = ListLimit })
            .Select(d => new DeadLetter(d.Id, d.PartnerId, d.Type, d.BusinessReference, d.ReceivedAt, d.LastResponse))
            .ToList();

        var retrying = store.QueryDocuments(new DocumentQuery { Status = DocumentStatus.Retrying, Take = Limit });
        var queue = new Queues(
            store.CountOutbound("Queued"),
            store.CountOutbound("SendFailed"),
            store.CountDocuments(DocumentStatus.Mapped) + store.CountDocuments(DocumentStatus.Retrying),
            store.CountDocuments(DocumentStatus.Retrying),
            retrying.Sum(d => d.Attempts));

        return new Dashboard(
            now,
            received,
            partnersWithErrors,
            overdue,
            stuck,
            store.CountDocuments(DocumentStatus.DeadLettered),
            deadLetters,
            CertificatesNeedingAction(partners, settings, now),
            TransportHealthOf(store, partners, recent, now),
            queue,
            EndpointsOf(recent, settings, liveCalls ?? []));
    }

    /// <summary>Statuses that need a person: the partner's document was refused, its delivery failed for good, or its sender is unknown.</summary>
    public static bool IsError(DocumentStatus status) => status is DocumentStatus.Rejected or DocumentStatus.DeadLettered or DocumentStatus.Quarantined;

    private static List<ExpiringCertificate> CertificatesNeedingAction(IReadOnlyList<PartnerProfile> partners, GatewaySettings settings, DateTimeOffset now) =>
        CertificateInventory.Of(partners, settings.PartnerProfiles)
            .Where(e => e.StatusAt(now) is CertificateStatus.ExpiresSoon or CertificateStatus.Expired or CertificateStatus.Problem)
            .NeedingActionFirst()
            .Select(e => new ExpiringCertificate(e.PartnerId, e.Use, e.Subject, e.NotAfter, e.DaysLeft(now), e.StatusAt(now).Describe().Word, e.Problem))
            .ToList();

    private static List<TransportHealth> TransportHealthOf(ITrackingStore store, IReadOnlyList<PartnerProfile> partners, IReadOnlyList<DocumentRecord> recent, DateTimeOffset now)
    {
        var since = now - TrafficWindow;
        var dayAgo = now.AddDays(-1);
        // A shared inbox vouches for nobody: its receipts count for the partner their documents named.
        var partnerOfReceipt = recent.Where(d => d.PartnerId is not null).GroupBy(d => d.ReceiptId).ToDictionary(g => g.Key, g => g.First().PartnerId!, StringComparer.Ordinal);
        var lastReceived = store.ReceiptsSince(since, Limit)
            .Select(r => (Partner: r.TransportPartnerId ?? partnerOfReceipt.GetValueOrDefault(r.Id), r.Transport, r.ReceivedAt))
            .Where(r => r.Partner is not null)
            .GroupBy(r => (r.Partner!, r.Transport))
            .ToDictionary(g => g.Key, g => g.Max(r => r.ReceivedAt));
        var outbound = store.OutboundCreatedSince(since, null, Limit).GroupBy(o => (o.PartnerId, o.Transport)).ToDictionary(g => g.Key, g => g.ToList());
        var configured = partners.SelectMany(p => ConfiguredTransports(p).Select(t => (p.Id, t))).ToHashSet();
        var keys = configured.Concat(lastReceived.Keys).Concat(outbound.Keys).Distinct().OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal);
        var rows = new List<TransportHealth>();
        foreach (var key in keys)
        {
            var sent = outbound.GetValueOrDefault(key) ?? [];
            var failed = sent.Where(o => o.LastError is not null).OrderByDescending(o => o.NextAttemptAt ?? o.SentAt ?? o.CreatedAt).FirstOrDefault();
            rows.Add(new TransportHealth(
                key.Item1,
                key.Item2,
                configured.Contains(key),
                lastReceived.TryGetValue(key, out var at) ? at : null,
                sent.Max(o => o.SentAt),
                sent.Count(o => o.SentAt >= dayAgo),
                sent.Count(o => o.CreatedAt >= dayAgo && (o.Status == "SendFailed" || o.LastError is not null)),
                sent.Count(o => o.Status == "Queued"),
                failed?.LastError,
                failed is null ? null : failed.Timeline.LastOrDefault()?.At ?? failed.CreatedAt));
        }
        return rows;
    }

    /// <summary>The transports a profile configures, in the words the tracking records use.</summary>
    public static IEnumerable<string> ConfiguredTransports(PartnerProfile partner)
    {
        var transports = partner.Transports;
        if (transports.As2 is not null)
        {
            yield return "as2";
        }
        if (transports.Sftp is not null)
        {
            yield return "sftp";
        }
        if (transports.Email is not null)
        {
            yield return "email";
        }
        if (transports.Folder is not null)
        {
            yield return "folder";
        }
    }

    private static List<EndpointHealth> EndpointsOf(IReadOnlyList<DocumentRecord> recent, GatewaySettings settings, IReadOnlyList<EndpointCallStats> liveCalls)
    {
        var live = liveCalls.ToDictionary(c => c.Endpoint, StringComparer.Ordinal);
        var calls = recent.SelectMany(d => d.Calls).Where(c => c.Status != BackendCallStatus.Skipped).GroupBy(c => c.Endpoint).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return settings.Endpoints.Keys.Concat(calls.Keys).Concat(live.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(endpoint =>
        {
            var made = calls.GetValueOrDefault(endpoint) ?? [];
            int attempts = made.Sum(c => c.Attempts);
            // Every attempt but the one that delivered failed: a call delivered on its third try counts two failures.
            int failedAttempts = attempts - made.Count(c => c.Status == BackendCallStatus.Delivered && c.Attempts > 0);
            // The tracked calls carry no timings: latency comes from the metrics' last hour of calls.
            var hour = live.GetValueOrDefault(endpoint);
            return new EndpointHealth(endpoint, made.Count, attempts, failedAttempts, made.Count(c => c.Status == BackendCallStatus.Failed),
                made.Count(c => c.Status == BackendCallStatus.Pending), attempts == 0 ? 0 : (double)failedAttempts / attempts)
            {
                LastHourCalls = hour?.Calls,
                LastHourFailures = hour?.Failures,
                LatencyP50Milliseconds = hour?.P50Milliseconds,
                LatencyP95Milliseconds = hour?.P95Milliseconds,
            };
        }).ToList();
    }
}
