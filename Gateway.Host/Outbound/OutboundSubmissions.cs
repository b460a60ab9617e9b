using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Gateway.Host.Mapping;
using Gateway.Host.Tracking;
using Gateway.Maps;
using Gateway.Partners.Loading;
using Gateway.Partners.Profiles;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Outbound;

/// <summary>
/// The outbound entry: a back-end event for a partner and document type is mapped, enveloped with the partner's
/// control numbers, validated, and queued durably for the partner's transport. The caller's idempotency key makes a
/// resubmitted event return the first document instead of sending a second one.
/// </summary>
internal sealed partial class OutboundSubmissions(
    ProfileReloader profiles,
    MapCatalog maps,
    OutboundEnvelope envelope,
    ITrackingStore store,
    OutboundSignal signal,
    TimeProvider time,
    ILogger<OutboundSubmissions> log)
{
    private readonly Lock _gate = new();

    /// <summary>What became of one event: the tracking id, whether it was already known, or the problems that stopped it.</summary>
    public sealed record Result(string? TrackingId, bool Repeated, IReadOnlyList<(string? Field, string Message)> Problems);

    public Result Submit(string partnerId, string documentType, JsonObject backendEvent, string? idempotencyKey)
    {
        var partner = profiles.Current.Find(partnerId);
        if (partner is null)
        {
            return Problem(null, $"no partner '{partnerId}' is live; check the id with gateway partners list");
        }
        var agreement = partner.Agreements.FirstOrDefault(a => a.Direction == DocumentDirection.Outbound && a.Document == documentType);
        if (agreement is null)
        {
            return Problem(null, $"{partnerId} has no outbound agreement for {documentType}; add one to partner-profiles/{partnerId}.yaml");
        }
        string standard = agreement.Standard == EdiStandard.X12 ? "X12" : "EDIFACT";
        var live = maps.Current;
        var map = agreement.Map is string name ? live.Find(name) : live.FindDefault(MapDirection.Outbound, standard, agreement.Version, documentType);
        if (map is null)
        {
            return Problem(null, agreement.Map is null
                ? $"no default outbound map writes {standard} {agreement.Version} {documentType}; name one in the agreement's map:"
                : $"map '{agreement.Map}' is not live: it is missing from maps/ or has errors (gateway maps validate)");
        }
        // The same key for the same partner and type is the same document: a retrying ERP never sends two.
        string id = "O-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{partnerId}\n{documentType}\n{idempotencyKey ?? Guid.NewGuid().ToString()}")))[..20];
        lock (_gate)
        {
            if (store.FindOutbound(id) is { } existing)
            {
                return new Result(existing.Id, Repeated: true, []);
            }
            JsonObject form;
            try
            {
                form = map.Build(backendEvent);
            }
            catch (MapEvaluationException exception)
            {
                return Problem(null, $"map {map.Name}: {exception.Message}");
            }
            catch (FormatException exception)
            {
                return Problem(null, $"map {map.Name}: {exception.Message}");
            }
            OutboundEnvelope.Enveloped enveloped;
            try
            {
                enveloped = envelope.Write(partner, agreement, form);
            }
            catch (Exception exception) when (exception is InvalidOperationException or FormatException or ArgumentException)
            {
                return Problem(null, exception.Message);
            }
            if (enveloped.Errors.Count > 0)
            {
                // Control numbers were used but nothing was sent: a gap, which partners accept, never a repeat.
                LogInvalid(documentType, partnerId, enveloped.Errors.Count);
                return new Result(null, false, [.. enveloped.Errors.Select(e => ((string?)null, $"the {documentType} written by map {map.Name} is not valid: {e}"))]);
            }
            string controlNumber = enveloped.ControlNumber;
            var now = time.GetUtcNow();
            string transport = agreement.Transport is { } chosen ? ProfileNames.Of(chosen) : partner.Transports.Folder is not null ? "folder" : "as2";
            string extension = agreement.Standard == EdiStandard.X12 ? "x12" : "edi";
            var record = new OutboundRecord
            {
                Id = id,
                PartnerId = partnerId,
                Kind = documentType,
                Transport = transport,
                FileName = $"{partnerId}-{documentType}-{controlNumber}.{extension}",
                Content = enveloped.Content,
                ControlNumber = controlNumber,
                GroupControlNumber = enveloped.GroupControlNumber,
                DocumentControlNumber = enveloped.DocumentControlNumber,
                BusinessReference = enveloped.BusinessReference,
                PurchaseOrder = enveloped.PurchaseOrder,
                Lines = enveloped.Lines,
                RelatesTo = null,
                CreatedAt = now,
                // The partner's 997/999/CONTRL is due this long after the document is queued (normally sent at once).
                AcknowledgmentDueAt = agreement.Acknowledgments.ExpectedWithinHours is int hours ? now.AddHours(hours) : null,
            };
            record.Timeline.Add(new TimelineEvent { At = now, Step = "Created", Message = $"{documentType} {controlNumber} from map {map.Name}{(enveloped.BusinessReference is null ? "" : $", reference {enveloped.BusinessReference}")}{(record.AcknowledgmentDueAt is { } due ? $"; acknowledgment due by {due.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "")}" });
            store.Save(record);
            LogQueued(documentType, controlNumber, partnerId, transport, id);
        }
        signal.Notify();
        return new Result(id, Repeated: false, []);
    }

    private static Result Problem(string? field, string message) => new(null, false, [(field, message)]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {DocumentType} {ControlNumber} for {PartnerId} over {Transport} as {TrackingId}")]
    private partial void LogQueued(string documentType, string controlNumber, string partnerId, string transport, string trackingId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {DocumentType} for {PartnerId}: {Errors} validation error(s) in what the map wrote")]
    private partial void LogInvalid(string documentType, string partnerId, int errors);
}
