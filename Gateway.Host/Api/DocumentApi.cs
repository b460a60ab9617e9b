using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Gateway.Host.Admin.Audit;
using Gateway.Host.Admin.Security;
using Gateway.Host.Intake;
using Gateway.Host.Operations;
using Gateway.Host.Tracking;
using Gateway.Partners.Loading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gateway.Host.Api;

/// <summary>
/// Documents for support scripts and the console's peers: search, detail (timeline, issues with positions, calls,
/// acknowledgments), the archived bytes, and the actions of <see cref="DocumentActions"/> (reprocess, replay, fix,
/// resend) for Operator tokens, each audited. 404 names the id; 409 says why the action does not apply.
/// </summary>
internal static class DocumentApi
{
    public const int MaxTake = 500;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static void Add(IServiceCollection services) => services.AddSingleton<DocumentActions>();

    public static void Map(WebApplication app)
    {
        var read = app.MapGroup("/api").RequireAuthorization(AdminPolicies.ApiViewer).WithTags("Documents");
        var act = app.MapGroup("/api").RequireAuthorization(AdminPolicies.ApiOperator).WithTags("Documents");
        read.MapGet("/documents", Search).WithSummary("Documents by partner, status, type, direction, control number, PO/ASN/invoice number and time, newest first");
        read.MapGet("/documents/{id}", Detail).WithSummary("One document: record, timeline, issues with positions and reported codes, back-end calls, acknowledgments");
        read.MapGet("/documents/{id}/raw", Raw).WithSummary("The archived file the document came in, byte for byte");
        act.MapPost("/documents/{id}/reprocess", (string id, HttpContext http, DocumentActions actions, IHostApplicationLifetime life) =>
            RunAsync(http, "reprocess", id, () => actions.ReprocessAsync(id, AdminClaims.NameOf(http.User), life.ApplicationStopping)))
            .WithSummary("Retry a dead-lettered or retrying delivery, release a Held document, or run the receipt again from the archive");
        act.MapPost("/documents/{id}/replay", Replay).WithSummary("Replay from a step: delivery, map or parse (idempotency keys stay the same)");
        act.MapPost("/documents/{id}/fix", FixAsync).WithSummary("Replace the body of a failed call ({\"call\": name, \"body\": {…}}) and replay it with the same key");
        read.MapGet("/outbound/{id}", Outbound).WithSummary("One document we sent: status, timeline, MDN and acknowledgment");
        act.MapPost("/outbound/{id}/resend", (string id, HttpContext http, DocumentActions actions) =>
            RunAsync(http, "resend", id, () => Task.FromResult(actions.Resend(id, AdminClaims.NameOf(http.User)))))
            .WithSummary("Put a sent document back in the queue: same content, same control number");
    }

    private static IResult Search(ITrackingStore store, string? partner, string? status, string? type, string? direction, string? control, string? reference, string? from, string? to, int? skip, int? take)
    {
        DocumentStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<DocumentStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || status.All(char.IsAsciiDigit))
            {
                return Error(StatusCodes.Status400BadRequest, $"'{status}' is not a status; one of: {string.Join(", ", Enum.GetNames<DocumentStatus>())}");
            }
            wanted = parsed;
        }
        if (!TryDate(from, out var since) || !TryDate(to, out var until))
        {
            return Error(StatusCodes.Status400BadRequest, "from and to are dates (2026-11-28) or timestamps (2026-11-28T07:35:00Z)");
        }
        var query = new DocumentQuery
        {
            PartnerId = Blank(partner),
            Status = wanted,
            Type = Blank(type),
            Direction = Blank(direction),
            ControlNumber = Blank(control),
            BusinessReference = Blank(reference),
            From = since,
            To = until,
            Skip = Math.Max(0, skip ?? 0),
            Take = Math.Clamp(take ?? 50, 1, MaxTake),
        };
        var documents = store.QueryDocuments(query);
        return Results.Json(new
        {
            query.Skip,
            query.Take,
            documents = documents.Select(d => new { d.Id, d.ReceiptId, d.PartnerId, d.Direction, d.Standard, d.Type, d.ControlNumber, d.BusinessReference, d.PurchaseOrder, d.ReceivedAt, d.Status, d.Attempts, problem = LastProblem(d) }),
        }, Json);
    }

    private static IResult Detail(string id, ITrackingStore store, RawArchive archive, ProfileReloader profiles)
    {
        if (DocumentView.Of(id, store, archive, profiles) is not { } view)
        {
            return Error(StatusCodes.Status404NotFound, $"no document '{id}'");
        }
        var d = view.Document;
        return Results.Json(new
        {
            document = new { d.Id, d.ReceiptId, d.PartnerId, d.Direction, d.Standard, d.Version, d.Type, d.InterchangeControlNumber, d.GroupControlNumber, d.ControlNumber, d.BusinessReference, d.PurchaseOrder, d.ReceivedAt, d.Status, d.Map, d.Endpoint, d.IdempotencyKey, d.Attempts, d.NextAttemptAt, d.LastResponse, problems = d.Issues },
            receipt = view.Receipt is { } r ? new { r.Id, r.ReceivedAt, r.Transport, r.TransportPartnerId, r.OriginalName, r.Bytes, r.Sha256, r.Stage, r.Standard, r.Error, r.Interchanges } : null,
            timeline = d.Timeline,
            issues = view.Issues,
            calls = d.Calls.Select(c => new { c.Name, c.Endpoint, c.Method, c.Path, c.IdempotencyKey, c.Status, c.Attempts, c.LastResponse, c.BackendId, corrected = c.BodyOverride is not null }),
            acknowledgments = view.Acknowledgments.Select(a => new { a.Id, a.Kind, a.ControlNumber, a.Transport, a.FileName, a.Status, a.SentAt, a.LastError, a.TransportMessageId, a.TransportReceipt }),
            as2 = view.As2Messages.Select(m => new { m.MessageId, m.Processed, m.Disposition, m.AsyncMdnUrl, m.MdnSentAt, m.MdnLastError }),
            segments = new { shown = view.Segments.Count, total = view.TotalSegments, note = view.RawNote },
        }, Json);
    }

    private static IResult Raw(string id, ITrackingStore store, RawArchive archive)
    {
        string receiptId = store.FindDocument(id)?.ReceiptId ?? id;
        if (store.FindReceipt(receiptId) is not { } receipt)
        {
            return Error(StatusCodes.Status404NotFound, $"no document or receipt '{id}'");
        }
        try
        {
            return Results.File(archive.Read(receipt.Id), "application/octet-stream", RawFileName(receipt));
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return Error(StatusCodes.Status404NotFound, $"the archived file of '{id}' is gone (removed by retention)");
        }
    }

    private static Task<IResult> Replay(string id, string? from, HttpContext http, DocumentActions actions, IHostApplicationLifetime life)
    {
        if (!DocumentActions.TryParseStep(from, out var step))
        {
            return Task.FromResult(Error(StatusCodes.Status400BadRequest, $"from must be one of: {string.Join(", ", DocumentActions.StepNames)}"));
        }
        return RunAsync(http, "replay", id, () => actions.ReplayFromAsync(id, step, AdminClaims.NameOf(http.User), life.ApplicationStopping), $"from {DocumentActions.StepNames[(int)step]}");
    }

    private static async Task<IResult> FixAsync(string id, HttpContext http, DocumentActions actions, IHostApplicationLifetime life)
    {
        JsonNode? request;
        try
        {
            // Strict: a repeated property is a 400 here, not an ArgumentException (500) on first read.
            request = await JsonNode.ParseAsync(http.Request.Body, documentOptions: EventRequest.Strict, cancellationToken: http.RequestAborted);
        }
        catch (JsonException exception)
        {
            return Error(StatusCodes.Status400BadRequest, $"the request is not JSON: {exception.Message}");
        }
        if (request is not JsonObject { } fix || fix["body"] is not JsonObject body || fix["call"] is not (null or JsonValue))
        {
            return Error(StatusCodes.Status400BadRequest, "send {\"call\": \"NAME\" (optional), \"body\": {…}}: body is the JSON object the call should send");
        }
        string? call = fix["call"] is JsonValue name && name.TryGetValue<string>(out var text) ? text : null;
        var corrected = body.DeepClone().AsObject();
        return await RunAsync(http, "fix-and-replay", id, () => actions.FixAndReplayAsync(id, call, corrected, AdminClaims.NameOf(http.User), life.ApplicationStopping), call is null ? null : $"call {call}");
    }

    private static IResult Outbound(string id, ITrackingStore store)
    {
        if (store.FindOutbound(id) is not { } o)
        {
            return Error(StatusCodes.Status404NotFound, $"no outbound document '{id}'");
        }
        return Results.Json(new
        {
            o.Id,
            o.PartnerId,
            o.Kind,
            o.Transport,
            o.FileName,
            bytes = o.Content.Length,
            o.ControlNumber,
            o.GroupControlNumber,
            o.DocumentControlNumber,
            o.BusinessReference,
            o.PurchaseOrder,
            o.RelatesTo,
            o.Status,
            o.CreatedAt,
            o.SentAt,
            o.Attempts,
            o.LastError,
            o.NextAttemptAt,
            o.TransportMessageId,
            o.ExpectedMic,
            o.TransportReceipt,
            o.TransportAcknowledgedAt,
            o.TransportReceiptDueAt,
            o.AcknowledgmentDueAt,
            o.AcknowledgmentStatus,
            o.AcknowledgmentReceivedAt,
            o.AcknowledgmentReceiptId,
            o.AcknowledgmentErrors,
            o.Timeline,
        }, Json);
    }

    // Runs an action, audits it (who, via the API, what, on what, how it ended) and answers 200, 404 or 409.
    private static async Task<IResult> RunAsync(HttpContext http, string action, string id, Func<Task<DocumentActionResult>> run, string? detail = null)
    {
        var audit = http.RequestServices.GetRequiredService<AuditLog>();
        string actor = AdminClaims.NameOf(http.User);
        string? remote = http.Connection.RemoteIpAddress?.ToString();
        DocumentActionResult result;
        try
        {
            result = await run();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            audit.Record(actor, "api", action, id, "failed", Described(detail, exception.Message), remote);
            throw;
        }
        audit.Record(actor, "api", action, id, result.Allowed ? "ok" : "refused", Described(detail, result.Message), remote);
        return result.Outcome switch
        {
            DocumentActionOutcome.NotFound => Error(StatusCodes.Status404NotFound, result.Message, id),
            DocumentActionOutcome.NotApplicable => Results.Json(new { error = result.Message, id, status = result.Status }, Json, statusCode: StatusCodes.Status409Conflict),
            _ => Results.Json(new { id, action, message = result.Message, status = result.Status }, Json),
        };
    }

    /// <summary>The most recent problem of a document, for lists: its last response or issue, else its last timeline message.</summary>
    public static string? LastProblem(DocumentRecord document) =>
        document.Status is DocumentStatus.DeadLettered or DocumentStatus.Retrying ? document.LastResponse ?? document.Timeline.LastOrDefault()?.Message
        : document.Issues.LastOrDefault() ?? document.Timeline.LastOrDefault()?.Message;

    /// <summary>A download name: the tracking id and the name the file had (data only, so reduced to safe characters).</summary>
    public static string RawFileName(ReceiptRecord receipt)
    {
        string original = new([.. Path.GetFileName(receipt.OriginalName).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]);
        return original.Trim('.').Length == 0 ? receipt.Id + ".edi" : $"{receipt.Id}-{original.TrimStart('.')}";
    }

    private static string Described(string? detail, string message) => detail is null ? message : $"{detail}: {message}";

    private static IResult Error(int status, string message, string? id = null) => Results.Json(new { error = message, id }, Json, statusCode: status);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool TryDate(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }
        return false;
    }
}
