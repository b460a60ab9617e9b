using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Host.Admin.Metrics;
using Gateway.Host.Configuration;
using Gateway.Host.Intake;
using Gateway.Host.Mapping;
using Gateway.Host.Pipeline;
using Gateway.Host.Tracking;
using Gateway.Maps;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace Gateway.Host.Delivery;

/// <summary>
/// Maps documents into back-end calls and delivers them over HTTP, each call with its own idempotency key, so a retry
/// or a replay can never create a second order. A document's calls go in the map's order; documents of one file run
/// in parallel and their outcomes are recorded in batches: a crash repeats at most a batch of calls, which the keys
/// make harmless. Transient failures (timeouts, 408, 429, 5xx) get quick retries inside the attempt, then wait for the
/// next attempt with backoff; anything else, or too many attempts, dead-letters the document for a person.
/// </summary>
internal sealed partial class BackendDelivery(ITrackingStore store, RawArchive archive, IHttpClientFactory clients, DocumentMapper mapper, GatewaySettings settings, GatewayMetrics metrics, TimeProvider time, ILogger<BackendDelivery> log)
{
    /// <summary>The name of the HttpClient (with the endpoint's auth, rate limit, timeout and quick retries) for <paramref name="endpoint"/>.</summary>
    public static string ClientName(string endpoint) => "endpoint:" + endpoint;

    private const int RecordBatch = 256;

    /// <summary>Whether <paramref name="document"/> still has a back-end call to make now.</summary>
    public static bool IsWaiting(DocumentRecord document) =>
        (document.Map ?? document.Endpoint) is not null && document.Status is DocumentStatus.Validated or DocumentStatus.Acknowledged or DocumentStatus.Mapped;

    /// <summary>
    /// Delivers the waiting documents of several receipts, taking each file from <paramref name="content"/> once, and records the outcomes
    /// in batches; <paramref name="receipts"/> are saved with the last batch, once every call has an outcome.
    /// </summary>
    public async Task DeliverAsync(IReadOnlyDictionary<string, IReadOnlyList<DocumentRecord>> waiting, IReadOnlyCollection<ReceiptRecord> receipts, Func<string, byte[]> content, CancellationToken cancellationToken)
    {
        var pending = waiting.Values.SelectMany(d => d).ToDictionary(d => d.Id, StringComparer.Ordinal);
        var finished = new List<DocumentRecord>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Delivery.Concurrency), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Bodies(waiting, content), parallel, async (item, token) =>
        {
            var document = item.Document;
            await SendAsync(document, item.Json(), token);
            List<DocumentRecord>? batch = null;
            lock (finished)
            {
                pending.Remove(document.Id);
                finished.Add(document);
                if (finished.Count >= RecordBatch)
                {
                    batch = [.. finished];
                    finished.Clear();
                }
            }
            // Outside the lock: the other calls' outcomes keep coming while a batch commits.
            if (batch is not null)
            {
                store.SaveAll(batch);
            }
        });
        foreach (var missing in pending.Values)
        {
            Fail(missing, null, permanent: true, "the document was not found again in the archived file; reprocess the receipt");
            finished.Add(missing);
        }
        store.SaveAll(finished, receipts);
    }

    private static IEnumerable<(DocumentRecord Document, Func<JsonObject> Json)> Bodies(IReadOnlyDictionary<string, IReadOnlyList<DocumentRecord>> waiting, Func<string, byte[]> content)
    {
        foreach (var (receiptId, documents) in waiting.Where(w => w.Value.Count > 0))
        {
            var byId = documents.ToDictionary(d => d.Id, StringComparer.Ordinal);
            foreach (var (id, json) in DocumentBodies.Read(receiptId, content(receiptId), byId.Keys.ToHashSet(StringComparer.Ordinal)))
            {
                yield return (byId[id], json);
            }
        }
    }

    /// <summary>Delivers one document (a retry or a reprocess), reading its body from the archive.</summary>
    public async Task DeliverAsync(DocumentRecord document, CancellationToken cancellationToken)
    {
        var body = DocumentBodies.Read(document.ReceiptId, archive.Read(document.ReceiptId), new HashSet<string>(StringComparer.Ordinal) { document.Id }).FirstOrDefault();
        if (body.Json is null)
        {
            Fail(document, null, permanent: true, "the document was not found again in the archived file; reprocess the receipt");
        }
        else
        {
            await SendAsync(document, body.Json(), cancellationToken);
        }
        store.Save(document);
    }

    // Maps the document and makes its pending calls in the map's order, recording each outcome on the document (the caller saves it).
    private async Task SendAsync(DocumentRecord document, JsonObject json, CancellationToken cancellationToken)
    {
        using var scope = log.BeginScope(new Dictionary<string, object> { ["TrackingId"] = document.Id, ["PartnerId"] = document.PartnerId ?? "" });
        IReadOnlyList<MappedCall> calls;
        try
        {
            calls = mapper.Calls(document, json);
        }
        catch (MapEvaluationException exception)
        {
            Fail(document, null, permanent: true, $"map {document.Map}: {exception.Message}; fix the map (or the profile)");
            return;
        }
        Reconcile(document, calls);
        if (document.Status is DocumentStatus.Validated or DocumentStatus.Acknowledged)
        {
            document.Status = DocumentStatus.Mapped;
            AddEvent(document, "Mapped", calls.Count == 0
                ? $"map {document.Map}: no call for this document"
                : $"{(document.Map is null ? "no map, JSON form as is" : $"map {document.Map}")}: {string.Join("; ", calls.Select(c => $"{c.Name} → {c.Endpoint} {c.Method} {c.Path}"))}");
        }
        document.Attempts++;
        foreach (var call in calls)
        {
            var record = document.Calls.First(c => c.Name == call.Name);
            if (record.Status != BackendCallStatus.Pending)
            {
                continue;
            }
            bool? permanent = await CallAsync(document, record, call, cancellationToken);
            if (permanent is not null)
            {
                Fail(document, record, permanent.Value, $"{record.Name} → {record.Endpoint}: {record.LastResponse}");
                return;
            }
        }
        document.Status = DocumentStatus.Delivered;
        document.NextAttemptAt = null;
        document.LastResponse = document.Calls.LastOrDefault(c => c.Status == BackendCallStatus.Delivered)?.LastResponse;
        metrics.Delivered(document);
    }

    // One record per call the map makes, keyed by partner, control numbers, map and call name; calls the map no longer makes are skipped.
    private static void Reconcile(DocumentRecord document, IReadOnlyList<MappedCall> calls)
    {
        foreach (var call in calls)
        {
            var record = document.Calls.FirstOrDefault(c => c.Name == call.Name);
            if (record is null)
            {
                record = new BackendCallRecord { Name = call.Name, IdempotencyKey = DocumentMapper.CallKey(document.IdempotencyKey!, document.Map, call.Name) };
                document.Calls.Add(record);
            }
            if (record.Status == BackendCallStatus.Skipped)
            {
                record.Status = BackendCallStatus.Pending;
            }
            (record.Endpoint, record.Method, record.Path) = (call.Endpoint, call.Method, call.Path);
        }
        foreach (var gone in document.Calls.Where(c => c.Status == BackendCallStatus.Pending && calls.All(m => m.Name != c.Name)))
        {
            gone.Status = BackendCallStatus.Skipped;
        }
    }

    // Makes one call (with the endpoint's quick retries inside); null when delivered, else whether the failure is permanent.
    private async Task<bool?> CallAsync(DocumentRecord document, BackendCallRecord record, MappedCall call, CancellationToken cancellationToken)
    {
        if (!settings.Endpoints.TryGetValue(record.Endpoint, out var endpoint) || !Uri.TryCreate(endpoint.BaseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var baseUrl))
        {
            record.LastResponse = $"endpoint '{record.Endpoint}' is not in Gateway:Endpoints of appsettings.json (or has no BaseUrl); add it";
            return true;
        }
        record.Attempts++;
        CrashPoints.Reach("before-delivery");
        long started = time.GetTimestamp();
        bool? permanent;
        try
        {
            using var request = new HttpRequestMessage(new HttpMethod(record.Method), new Uri(baseUrl, record.Path))
            {
                Content = new StringContent(record.BodyOverride ?? call.BodyText, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", record.IdempotencyKey);
            request.Headers.Add("X-Gateway-Tracking-Id", document.Id);
            using var response = await clients.CreateClient(ClientName(record.Endpoint)).SendAsync(request, cancellationToken);
            string body = await response.Content.ReadAsStringAsync(cancellationToken);
            record.LastResponse = $"{(int)response.StatusCode} {response.ReasonPhrase}: {(body.Length > 200 ? body[..200] + "…" : body)}";
            permanent = response.IsSuccessStatusCode ? null
                : response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500 ? false
                : true;
            if (permanent is null)
            {
                record.BackendId = BackendId(body);
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or ExecutionRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            record.LastResponse = exception is TimeoutRejectedException or TaskCanceledException ? $"no answer within {endpoint.TimeoutSeconds} s" : $"{exception.GetType().Name}: {exception.Message}";
            permanent = false;
        }
        metrics.BackendCall(record.Endpoint, permanent is null, time.GetElapsedTime(started));
        if (permanent is null)
        {
            CrashPoints.Reach("after-delivery");
            record.Status = BackendCallStatus.Delivered;
            AddEvent(document, "Delivered", $"{record.Name} → {record.Endpoint} answered {record.LastResponse}{(record.BackendId is null ? "" : $" (id {record.BackendId})")}, attempt {record.Attempts}, key {record.IdempotencyKey}");
            LogDelivered(record.Name, record.Endpoint, record.Attempts);
        }
        return permanent;
    }

    // The id a back end returns for what it created: {"id": …}. Many answer 201 or 204 with no body; that is not
    // parsed, since a failed parse costs an exception per call.
    private static string? BackendId(string body)
    {
        if (!body.AsSpan().TrimStart().StartsWith("{", StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(body) is JsonObject obj && obj["id"] is JsonValue id ? id.ToString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Fail(DocumentRecord document, BackendCallRecord? call, bool permanent, string outcome)
    {
        var delivery = settings.Delivery;
        document.LastResponse = outcome;
        if (permanent || document.Attempts >= delivery.MaxAttempts)
        {
            if (call is not null)
            {
                call.Status = BackendCallStatus.Failed;
            }
            document.Status = DocumentStatus.DeadLettered;
            document.NextAttemptAt = null;
            AddEvent(document, "DeadLettered", $"{outcome}; {(permanent ? "the back end refused it" : $"{document.Attempts} attempts failed")}. Fix the cause, then: gateway track reprocess {document.Id}");
            LogDeadLettered(document.Endpoint ?? "(none)", outcome);
        }
        else
        {
            double seconds = Math.Min(delivery.MaxRetrySeconds, delivery.FirstRetrySeconds * Math.Pow(2, document.Attempts - 1));
            document.Status = DocumentStatus.Retrying;
            document.NextAttemptAt = time.GetUtcNow().AddSeconds(seconds);
            AddEvent(document, "Retrying", $"{outcome}; attempt {document.Attempts + 1} of {delivery.MaxAttempts} at {document.NextAttemptAt:HH:mm:ss} UTC");
            LogRetrying(document.Endpoint ?? "(none)", document.Attempts, delivery.MaxAttempts, TimeSpan.FromSeconds(seconds));
        }
        metrics.DeliveryFailed(document);
    }

    private void AddEvent(DocumentRecord document, string step, string message) =>
        document.Timeline.Add(new TimelineEvent { At = time.GetUtcNow(), Step = step, Message = message });

    // Debug: each call is on the document's timeline already, and two lines per document at thousands of documents a
    // second are noise that costs CPU; failures are warnings and errors.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Delivered {Call} to {Endpoint} (attempt {Attempt})")]
    private partial void LogDelivered(string call, string endpoint, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery to {Endpoint} failed; retry {Attempt}/{MaxAttempts} in {Delay}")]
    private partial void LogRetrying(string endpoint, int attempt, int maxAttempts, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery to {Endpoint} dead-lettered: {Outcome}")]
    private partial void LogDeadLettered(string endpoint, string outcome);
}
