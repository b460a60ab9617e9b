using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Gateway.Host.Configuration;
using Gateway.Host.Intake;
using Gateway.Host.Jobs;
using Gateway.Host.Pipeline;
using Gateway.Host.Tracking;
using Gateway.Maps;

namespace Gateway.Host.Cli;

/// <summary><c>gateway track list|show|reprocess</c>: what support staff ask at 3 am, answered from the tracking store.</summary>
internal static class TrackCommands
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var settings = GatewaySettings.Load(Directory.GetCurrentDirectory());
        if (args.Length == 0)
        {
            return Usage(error);
        }
        var options = Options.Parse(args[1..]);
        if (options is null)
        {
            return Usage(error);
        }
        return args[0] switch
        {
            "list" when options.Positional.Count == 0 => List(settings, options, output, error),
            "show" when options.Positional.Count == 1 => Show(settings, options.Positional[0], options.Json, output, error),
            "reprocess" when options.Positional.Count == 1 => Reprocess(settings, options.Positional[0], options.Call, options.BodyFile, output, error),
            "body" when options.Positional.Count == 1 => Body(settings, options.Positional[0], options.Call, output, error),
            _ => Usage(error),
        };
    }

    private static int List(GatewaySettings settings, Options options, TextWriter output, TextWriter error)
    {
        DocumentStatus? status = null;
        if (options.Status is { } text)
        {
            if (!Enum.TryParse<DocumentStatus>(text, ignoreCase: true, out var parsed))
            {
                error.WriteLine($"'{text}' is not a status; one of: {string.Join(", ", Enum.GetNames<DocumentStatus>())}");
                return GatewayCommandLine.Usage;
            }
            status = parsed;
        }
        using var store = Open(settings);
        if (store is null)
        {
            output.WriteLine(options.Json ? "[]" : "No documents yet: the gateway has not received anything in this data directory.");
            return GatewayCommandLine.Ok;
        }
        var documents = store.QueryDocuments(new DocumentQuery
        {
            PartnerId = options.Partner,
            Status = status,
            Type = options.Type,
            BusinessReference = options.Reference,
            ControlNumber = options.ControlNumber,
            From = options.From,
            To = options.To,
            Take = options.Limit,
        });
        if (options.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(documents.Select(d => new { d.Id, d.PartnerId, d.Direction, d.Standard, d.Type, d.ControlNumber, d.BusinessReference, d.ReceivedAt, d.Status, d.Attempts }), Json));
            return GatewayCommandLine.Ok;
        }
        output.WriteLine($"{"TRACKING ID",-40} {"RECEIVED (UTC)",-19} {"PARTNER",-16} {"TYPE",-7} {"CONTROL",-10} {"REFERENCE",-14} STATUS");
        foreach (var d in documents)
        {
            output.WriteLine($"{d.Id,-40} {d.ReceivedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} {d.PartnerId ?? "(unknown)",-16} {d.Type,-7} {d.ControlNumber,-10} {d.BusinessReference ?? "",-14} {d.Status}");
        }
        return GatewayCommandLine.Ok;
    }

    private static int Show(GatewaySettings settings, string id, bool json, TextWriter output, TextWriter error)
    {
        using var store = Open(settings);
        var document = store?.FindDocument(id);
        var receipt = store?.FindReceipt(document?.ReceiptId ?? id);
        if (receipt is null && store?.FindOutbound(id) is { } outbound)
        {
            return ShowOutbound(outbound, json, output);
        }
        if (store is null || receipt is null)
        {
            error.WriteLine($"No document or receipt '{id}'. 'gateway track list' shows the latest.");
            return GatewayCommandLine.Invalid;
        }
        var acknowledgments = store.OutboundFor(receipt.Id);
        var documents = document is null ? store.DocumentsOf(receipt.Id) : [document];
        var as2 = store.As2MessagesOf(receipt.Id);
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new
            {
                receipt = new { receipt.Id, receipt.ReceivedAt, receipt.Transport, receipt.TransportPartnerId, receipt.OriginalName, receipt.Bytes, receipt.Sha256, receipt.Stage, receipt.DocumentsStaged, receipt.Standard, receipt.Error, receipt.Interchanges, receipt.Timeline },
                documents = documents.Select(d => new { d.Id, d.PartnerId, d.Standard, d.Version, d.Type, d.InterchangeControlNumber, d.GroupControlNumber, d.ControlNumber, d.BusinessReference, d.Status, d.Issues, d.Map, d.Endpoint, d.IdempotencyKey, d.Attempts, d.NextAttemptAt, d.LastResponse, calls = d.Calls.Select(c => new { c.Name, c.Endpoint, c.Method, c.Path, c.IdempotencyKey, c.Status, c.Attempts, c.LastResponse, c.BackendId }), d.Timeline }),
                acknowledgments = acknowledgments.Select(a => new { a.Id, a.Kind, a.ControlNumber, a.Transport, a.FileName, a.Status, a.SentAt, a.LastError, a.TransportMessageId, a.TransportReceipt }),
                as2 = as2.Select(m => new { m.MessageId, m.Processed, m.Disposition, m.AsyncMdnUrl, m.MdnSentAt, m.MdnLastError }),
            }, Json));
            return GatewayCommandLine.Ok;
        }
        output.WriteLine($"Receipt {receipt.Id}: {receipt.Bytes:N0} bytes over {receipt.Transport} as '{receipt.OriginalName}' at {receipt.ReceivedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, stage {receipt.Stage}");
        if (receipt.Error is not null)
        {
            output.WriteLine($"  error: {receipt.Error}");
        }
        if (receipt.DocumentsStaged)
        {
            output.WriteLine($"  documents: not in the store yet; its acknowledgments were committed first and its documents wait in {store.StagedPath(receipt.Id)}, to commit within a second, or when the gateway next starts");
        }
        foreach (var message in as2)
        {
            string mdn = message.Mdn.Length == 0 ? "no MDN asked for"
                : message.AsyncMdnUrl is null ? "MDN in the response"
                : message.MdnSentAt is null ? $"asynchronous MDN to {message.AsyncMdnUrl} not delivered yet ({message.MdnAttempts} attempt(s){(message.MdnLastError is null ? "" : $", {message.MdnLastError}")})"
                : $"asynchronous MDN delivered to {message.AsyncMdnUrl}";
            output.WriteLine($"  AS2 message {message.MessageId}: {message.Disposition}; {mdn}");
        }
        foreach (var interchange in receipt.Interchanges)
        {
            output.WriteLine($"  interchange {interchange.ControlNumber} {interchange.Sender} → {interchange.Receiver}: {interchange.Outcome} ({interchange.Message})");
        }
        foreach (var d in documents)
        {
            output.WriteLine();
            output.WriteLine($"Document {d.Id}: {d.Standard} {d.Version} {d.Type} {d.ControlNumber} from {d.PartnerId ?? "(unknown)"}, reference {d.BusinessReference ?? "-"}: {d.Status}");
            foreach (var issue in d.Issues)
            {
                output.WriteLine($"  issue: {issue}");
            }
            if (d.Map is not null || d.Endpoint is not null)
            {
                output.WriteLine($"  back end: {(d.Map is null ? $"no map, to {d.Endpoint}" : $"map {d.Map}")}, {d.Attempts} round(s){(d.NextAttemptAt is { } next ? $", next at {next.UtcDateTime:HH:mm:ss} UTC" : "")}");
            }
            foreach (var call in d.Calls)
            {
                output.WriteLine($"  call {call.Name}: {call.Method} {call.Endpoint} {call.Path}, {call.Status}, {call.Attempts} attempt(s), key {call.IdempotencyKey}{(call.BackendId is null ? "" : $", back-end id {call.BackendId}")}{(call.LastResponse is null ? "" : $", last answer {call.LastResponse}")}");
            }
            foreach (var step in d.Timeline)
            {
                output.WriteLine($"  {step.At.UtcDateTime:HH:mm:ss.fff} {step.Step,-13} {step.Message}");
            }
        }
        output.WriteLine();
        foreach (var ack in acknowledgments)
        {
            output.WriteLine($"Acknowledgment {ack.Kind} {ack.ControlNumber} over {ack.Transport}: {ack.Status}{(ack.SentAt is { } sent ? $" at {sent.UtcDateTime:HH:mm:ss}" : "")}{(ack.LastError is null ? "" : $" ({ack.LastError})")} (gateway track show {ack.Id})");
        }
        return GatewayCommandLine.Ok;
    }

    // A document we send: from a back-end event, or an acknowledgment.
    private static int ShowOutbound(OutboundRecord sent, bool json, TextWriter output)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new { sent.Id, sent.PartnerId, sent.Kind, sent.ControlNumber, sent.Transport, sent.FileName, sent.Status, sent.CreatedAt, sent.SentAt, sent.Attempts, sent.LastError, sent.RelatesTo, sent.TransportMessageId, sent.ExpectedMic, sent.TransportReceipt, sent.TransportAcknowledgedAt, sent.GroupControlNumber, sent.DocumentControlNumber, sent.BusinessReference, sent.AcknowledgmentDueAt, sent.AcknowledgmentStatus, sent.AcknowledgmentReceiptId, sent.AcknowledgmentErrors, sent.Timeline }, Json));
            return GatewayCommandLine.Ok;
        }
        output.WriteLine($"Outbound {sent.Id}: {sent.Kind} {sent.ControlNumber} to {sent.PartnerId} over {sent.Transport} as '{sent.FileName}': {sent.Status}"
            + $"{(sent.SentAt is { } at ? $" at {at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC" : "")}{(sent.LastError is null ? "" : $" ({sent.LastError})")}");
        output.WriteLine($"  created {sent.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC{(sent.RelatesTo is null ? "" : $", answers {sent.RelatesTo}")}");
        if (sent.AcknowledgmentDueAt is not null || sent.AcknowledgmentStatus is not null)
        {
            output.WriteLine($"  acknowledgment: {sent.AcknowledgmentStatus ?? "waiting"}{(sent.AcknowledgmentDueAt is { } due ? $", due {due.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "")}{(sent.AcknowledgmentReceiptId is { } by ? $", by {by}" : "")}");
            foreach (string problem in sent.AcknowledgmentErrors)
            {
                output.WriteLine($"    {problem}");
            }
        }
        if (sent.TransportMessageId is not null)
        {
            output.WriteLine($"  AS2 Message-ID {sent.TransportMessageId}, MIC {sent.ExpectedMic}, MDN {sent.TransportReceipt ?? "not received yet"}");
        }
        foreach (var step in sent.Timeline)
        {
            output.WriteLine($"  {step.At.UtcDateTime:HH:mm:ss.fff} {step.Step,-21} {step.Message}");
        }
        return GatewayCommandLine.Ok;
    }

    // The body a call of a document sends, mapped now from the archive with the live maps: what a person edits before a replay.
    private static int Body(GatewaySettings settings, string id, string? callName, TextWriter output, TextWriter error)
    {
        using var store = Open(settings);
        if (store?.FindDocument(id) is not { } document)
        {
            error.WriteLine($"No document '{id}'. 'gateway track list' shows the latest.");
            return GatewayCommandLine.Invalid;
        }
        var json = DocumentBodies.Read(document.ReceiptId, new RawArchive(Path.Combine(settings.DataDirectory, "archive")).Read(document.ReceiptId), new HashSet<string>(StringComparer.Ordinal) { id }).FirstOrDefault().Json;
        if (json is null)
        {
            error.WriteLine($"{id} is not in its archived file any more; reprocess the receipt {document.ReceiptId}.");
            return GatewayCommandLine.Invalid;
        }
        var call = document.Calls.FirstOrDefault(c => callName is null ? c.Status == BackendCallStatus.Failed : c.Name == callName) ?? document.Calls.FirstOrDefault();
        if (call?.BodyOverride is { } saved)
        {
            output.WriteLine(JsonNode.Parse(saved)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return GatewayCommandLine.Ok;
        }
        try
        {
            var set = MapSet.Load(settings.Maps);   // only to build a body: endpoints are not checked here
            var map = document.Map is null ? null : set.Find(document.Map) ?? throw new MapEvaluationException($"map '{document.Map}' does not load; run gateway maps validate");
            var built = map is null ? [] : map.Apply(json(), document.Id, document.PartnerId);
            var body = built.FirstOrDefault(c => c.Name == (callName ?? call?.Name)) ?? (built.Count > 0 ? built[0] : null);
            if (body is null)
            {
                error.WriteLine($"{id} makes no back-end call{(callName is null ? "" : $" named '{callName}'")} with the live maps.");
                return GatewayCommandLine.Invalid;
            }
            output.WriteLine(body.Body.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            return GatewayCommandLine.Ok;
        }
        catch (MapEvaluationException exception)
        {
            error.WriteLine($"The map cannot map {id}: {exception.Message}. Fix the map, then: gateway track reprocess {id}");
            return GatewayCommandLine.Invalid;
        }
    }

    private static int Reprocess(GatewaySettings settings, string id, string? call, string? bodyFile, TextWriter output, TextWriter error)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(id, "^R[0-9]{8}T[0-9]{9}-[0-9a-f]{6}(-[0-9]+)*$"))
        {
            error.WriteLine($"'{id}' is not a tracking id (R20261128T073512123-4f9c2a, or a document id with -1-1 after it).");
            return GatewayCommandLine.Usage;
        }
        string request = "";
        if (bodyFile is not null)
        {
            // A corrected body for one call: the replay sends it instead of the mapped one, with the same idempotency key.
            JsonObject? body;
            try
            {
                body = JsonNode.Parse(File.ReadAllText(bodyFile)) as JsonObject;
            }
            catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"{bodyFile}: {exception.Message}");
                return GatewayCommandLine.Invalid;
            }
            if (body is null)
            {
                error.WriteLine($"{bodyFile} must hold one JSON object: the body to send (start from: gateway track body {id} > body.json).");
                return GatewayCommandLine.Invalid;
            }
            request = new JsonObject { ["call"] = call, ["body"] = body }.ToJsonString();
        }
        string directory = ReprocessRequestJob.RequestsDirectory(settings);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, id + ReprocessRequestJob.Suffix), request);
        output.WriteLine($"Reprocess of {id} requested: the running gateway takes it within seconds (or at its next start). Follow it with: gateway track show {id}");
        return GatewayCommandLine.Ok;
    }

    private static LiteDbTrackingStore? Open(GatewaySettings settings) =>
        File.Exists(settings.TrackingDatabase) ? new LiteDbTrackingStore(settings.TrackingDatabase, readOnly: true) : null;

    private static int Usage(TextWriter error)
    {
        error.WriteLine("""
            Usage:
              gateway track list [--partner ID] [--status S] [--type T] [--reference PO] [--control N]
                                 [--from DATE] [--to DATE] [--limit N] [--json]
              gateway track show ID [--json]        timeline, errors, acknowledgments and back-end calls of a document or receipt
              gateway track reprocess ID            run a receipt again from the archive, retry a dead-lettered delivery,
                                                    or release a Held document (a repeated PO number) as a change
              gateway track body ID [--call NAME]   the body a back-end call of the document sends (mapped now from the archive)
              gateway track reprocess ID --body FILE [--call NAME]
                                                    replay a dead-lettered call with a corrected body (same idempotency key)
            """);
        return GatewayCommandLine.Usage;
    }

    private sealed record Options(List<string> Positional, bool Json, string? Partner, string? Status, string? Type, string? Reference, string? ControlNumber, DateTimeOffset? From, DateTimeOffset? To, int Limit)
    {
        public string? Call { get; init; }

        public string? BodyFile { get; init; }

        public static Options? Parse(string[] args)
        {
            var positional = new List<string>();
            bool json = false;
            string? partner = null, status = null, type = null, reference = null, control = null, call = null, body = null;
            DateTimeOffset? from = null, to = null;
            int limit = 50;
            for (int i = 0; i < args.Length; i++)
            {
                string? Next() => i + 1 < args.Length ? args[++i] : null;
                switch (args[i])
                {
                    case "--json": json = true; break;
                    case "--partner": partner = Next() ?? ""; break;
                    case "--status": status = Next() ?? ""; break;
                    case "--type": type = Next() ?? ""; break;
                    case "--reference": reference = Next() ?? ""; break;
                    case "--control": control = Next() ?? ""; break;
                    case "--call": call = Next() ?? ""; break;
                    case "--body": body = Next() ?? ""; break;
                    case "--from" when Date(Next()) is { } date:
                        from = date;
                        break;
                    case "--to" when Date(Next()) is { } date:
                        to = date;
                        break;
                    case "--limit" when int.TryParse(Next(), out int n) && n > 0: limit = n; break;
                    case var a when !a.StartsWith("--", StringComparison.Ordinal): positional.Add(a); break;
                    default: return null;
                }
            }
            return new Options(positional, json, partner, status, type, reference, control, from, to, limit) { Call = call, BodyFile = body };
        }

        // A date (2026-11-28, midnight UTC) or a full timestamp with offset.
        private static DateTimeOffset? Date(string? text) =>
            DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var value) ? value : null;
    }
}
