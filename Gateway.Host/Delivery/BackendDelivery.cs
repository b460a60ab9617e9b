using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Gateway.Host.Configuration;
using Gateway.Host.Pipeline;
using Gateway.Host.Tracking;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Delivery;

/// <summary>
/// Maps a document into its back-end call and delivers it over HTTP with an idempotency key, so a retry or a replay
/// can never create a second order. Transient failures (timeouts, 408, 429, 5xx) are retried with backoff; anything
/// else, or too many attempts, dead-letters the document for a person.
/// </summary>
internal sealed partial class BackendDelivery(ITrackingStore store, HttpClient http, GatewaySettings settings, TimeProvider time, ILogger<BackendDelivery> log)
{
    /// <summary>Whether <paramref name="document"/> still has a back-end call to make now.</summary>
    public static bool IsWaiting(DocumentRecord document) =>
        document.Endpoint is not null && document.Status is DocumentStatus.Validated or DocumentStatus.Acknowledged or DocumentStatus.Mapped;

    public async Task DeliverAsync(DocumentRecord document, CancellationToken cancellationToken)
    {
        using var scope = log.BeginScope(new Dictionary<string, object> { ["TrackingId"] = document.Id, ["PartnerId"] = document.PartnerId ?? "" });
        if (document.Status is DocumentStatus.Validated or DocumentStatus.Acknowledged)
        {
            // Until maps exist (issue #6) a document maps to its JSON form in a small envelope.
            document.RequestBody = Envelope(document).ToJsonString();
            document.Status = DocumentStatus.Mapped;
            AddEvent(document, "Mapped", $"POST {document.Endpoint} documents with idempotency key {document.IdempotencyKey}");
            store.Save(document);
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
                Content = new StringContent(document.RequestBody ?? "{}", Encoding.UTF8, "application/json"),
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
            store.Save(document);
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
        store.Save(document);
    }

    private static JsonObject Envelope(DocumentRecord document) => new()
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
        ["document"] = document.RequestBody is { } json ? JsonNode.Parse(json) : null,
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
