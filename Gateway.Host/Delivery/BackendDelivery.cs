using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Gateway.Host.Configuration;
using Gateway.Host.Intake;
using Gateway.Host.Pipeline;
using Gateway.Host.Tracking;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Delivery;

/// <summary>
/// Maps documents into back-end calls and delivers them over HTTP with an idempotency key, so a retry or a replay
/// can never create a second order. Calls for one file run in parallel and their outcomes are recorded in batches:
/// a crash repeats at most a batch of calls, which the keys make harmless. Transient failures (timeouts, 408, 429,
/// 5xx) are retried with backoff; anything else, or too many attempts, dead-letters the document for a person.
/// </summary>
internal sealed partial class BackendDelivery(ITrackingStore store, RawArchive archive, HttpClient http, GatewaySettings settings, TimeProvider time, ILogger<BackendDelivery> log)
{
    private const int RecordBatch = 256;

    /// <summary>Whether <paramref name="document"/> still has a back-end call to make now.</summary>
    public static bool IsWaiting(DocumentRecord document) =>
        document.Endpoint is not null && document.Status is DocumentStatus.Validated or DocumentStatus.Acknowledged or DocumentStatus.Mapped;

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
            lock (finished)
            {
                pending.Remove(document.Id);
                finished.Add(document);
                if (finished.Count >= RecordBatch)
                {
                    store.SaveAll(finished.ToList());
                    finished.Clear();
                }
            }
        });
        foreach (var missing in pending.Values)
        {
            Fail(missing, permanent: true, "the document was not found again in the archived file; reprocess the receipt");
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
            Fail(document, permanent: true, "the document was not found again in the archived file; reprocess the receipt");
        }
        else
        {
            await SendAsync(document, body.Json(), cancellationToken);
        }
        store.Save(document);
    }

    // Makes one call and records its outcome on the document (the caller saves it).
    private async Task SendAsync(DocumentRecord document, JsonObject json, CancellationToken cancellationToken)
    {
        using var scope = log.BeginScope(new Dictionary<string, object> { ["TrackingId"] = document.Id, ["PartnerId"] = document.PartnerId ?? "" });
        if (document.Status is DocumentStatus.Validated or DocumentStatus.Acknowledged)
        {
            // Until maps exist (issue #6) a document maps to its JSON form in a small envelope.
            document.Status = DocumentStatus.Mapped;
            AddEvent(document, "Mapped", $"POST {document.Endpoint} documents with idempotency key {document.IdempotencyKey}");
        }
        if (document.Endpoint is null || !settings.Endpoints.TryGetValue(document.Endpoint, out var endpoint) || !Uri.TryCreate(endpoint.BaseUrl, UriKind.Absolute, out var baseUrl))
        {
            Fail(document, permanent: true, $"endpoint '{document.Endpoint}' is not in Gateway:Endpoints of appsettings.json (or has no BaseUrl); add it, then reprocess");
            return;
        }
        document.Attempts++;
        CrashPoints.Reach("before-delivery");
        string outcome;
        bool? permanent;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "documents"))
            {
                Content = new StringContent(Envelope(document, json).ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", document.IdempotencyKey);
            request.Headers.Add("X-Gateway-Tracking-Id", document.Id);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(endpoint.TimeoutSeconds));
            using var response = await http.SendAsync(request, timeout.Token);
            string body = await response.Content.ReadAsStringAsync(cancellationToken);
            outcome = $"{(int)response.StatusCode} {response.ReasonPhrase}: {(body.Length > 200 ? body[..200] + "…" : body)}";
            permanent = response.IsSuccessStatusCode ? null
                : response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500 ? false
                : true;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            outcome = exception is TaskCanceledException ? $"no answer within {endpoint.TimeoutSeconds} s" : $"{exception.GetType().Name}: {exception.Message}";
            permanent = false;
        }
        document.LastResponse = outcome;
        if (permanent is null)
        {
            CrashPoints.Reach("after-delivery");
            document.Status = DocumentStatus.Delivered;
            document.NextAttemptAt = null;
            AddEvent(document, "Delivered", $"{document.Endpoint} answered {outcome} (attempt {document.Attempts})");
            LogDelivered(document.Endpoint, document.Attempts);
            return;
        }
        Fail(document, permanent.Value, outcome);
    }

    private void Fail(DocumentRecord document, bool permanent, string outcome)
    {
        var delivery = settings.Delivery;
        if (permanent || document.Attempts >= delivery.MaxAttempts)
        {
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
    }

    private static JsonObject Envelope(DocumentRecord document, JsonObject json) => new()
    {
        ["trackingId"] = document.Id,
        ["partnerId"] = document.PartnerId,
        ["standard"] = document.Standard,
        ["version"] = document.Version,
        ["type"] = document.Type,
        ["interchangeControlNumber"] = document.InterchangeControlNumber,
        ["groupControlNumber"] = document.GroupControlNumber,
        ["controlNumber"] = document.ControlNumber,
        ["businessReference"] = document.BusinessReference,
        ["document"] = json,
    };

    private void AddEvent(DocumentRecord document, string step, string message) =>
        document.Timeline.Add(new TimelineEvent { At = time.GetUtcNow(), Step = step, Message = message });

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivered to {Endpoint} (attempt {Attempt})")]
    private partial void LogDelivered(string? endpoint, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery to {Endpoint} failed; retry {Attempt}/{MaxAttempts} in {Delay}")]
    private partial void LogRetrying(string endpoint, int attempt, int maxAttempts, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery to {Endpoint} dead-lettered: {Outcome}")]
    private partial void LogDeadLettered(string endpoint, string outcome);
}
