using System.Globalization;
using Gateway.Edi.Edifact.Acknowledgments;
using Gateway.Edi.X12.Acknowledgments;
using Gateway.Host.Outbound;
using Gateway.Host.Tracking;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Acknowledgments;

/// <summary>
/// Matches the acknowledgments partners send (997, 999, CONTRL) to the documents we sent them, and records on each
/// document whether the partner Accepted, PartiallyAccepted or Rejected it, with their error codes in words. A 997
/// names our group (AK102) and sets (AK202); a CONTRL names our interchange (UCI) and messages (UCM). Reconciling the
/// same acknowledgment again (a receipt resumed after a crash) changes nothing.
/// </summary>
internal sealed partial class AcknowledgmentReconciler(ITrackingStore store, TimeProvider time, ILogger<AcknowledgmentReconciler> log)
{
    /// <summary>Applies a 997/999; returns what it did, for the acknowledgment's own timeline.</summary>
    public string Reconcile(string partnerId, string receiptId, X12ReceivedAcknowledgment ack)
    {
        var sent = store.OutboundOfGroup(partnerId, Number(ack.GroupControlNumber))
            .Where(o => o.GroupControlNumber is not null && FunctionalIdOf(o.Kind) == ack.FunctionalId)
            .ToList();
        var outcomes = new List<string>();
        foreach (var document in sent)
        {
            var set = ack.Sets.FirstOrDefault(s => Number(s.ControlNumber) == Number(document.DocumentControlNumber ?? ""));
            var status = set?.Status ?? ack.GroupStatus;
            var errors = (set?.Errors ?? []).Concat(status == X12AcknowledgmentStatus.Accepted ? [] : ack.GroupErrors).ToList();
            outcomes.Add(Apply(document, receiptId, Word(status), errors, $"{ack.Kind} for group {ack.GroupControlNumber}"));
        }
        return Summary(partnerId, $"{ack.Kind} for {ack.FunctionalId} group {ack.GroupControlNumber}", outcomes);
    }

    /// <summary>
    /// Applies a TA1: a rejected interchange rejects every document in it; an accepted one changes nothing (the 997 or 999
    /// answers the documents). Returns what it did.
    /// </summary>
    public string Reconcile(string partnerId, string receiptId, X12InterchangeAcknowledgment ta1)
    {
        var sent = store.OutboundOfInterchange(partnerId, ta1.InterchangeControlNumber.Trim()).Where(o => o.GroupControlNumber is not null).ToList();
        if (ta1.Status != X12AcknowledgmentStatus.Rejected)
        {
            return sent.Count == 0
                ? Summary(partnerId, $"TA1 for interchange {ta1.InterchangeControlNumber}", [])
                : $"TA1 for interchange {ta1.InterchangeControlNumber}: {ta1.Status} ({ta1.Note}); the 997/999 will settle its documents";
        }
        var outcomes = sent.Select(document => Apply(document, receiptId, "Rejected", [$"TA1 {ta1.NoteCode}: {ta1.Note}"], $"TA1 for interchange {ta1.InterchangeControlNumber}")).ToList();
        return Summary(partnerId, $"TA1 for interchange {ta1.InterchangeControlNumber}", outcomes);
    }

    /// <summary>Applies a CONTRL; returns what it did.</summary>
    public string Reconcile(string partnerId, string receiptId, EdifactReceivedContrl contrl)
    {
        var sent = store.OutboundOfInterchange(partnerId, contrl.InterchangeReference).Where(o => o.GroupControlNumber is null).ToList();
        var outcomes = new List<string>();
        foreach (var document in sent)
        {
            var message = contrl.Messages.FirstOrDefault(m => m.Reference == document.DocumentControlNumber);
            var action = message?.Action ?? contrl.InterchangeAction;
            if (action == EdifactAcknowledgmentAction.Received)
            {
                outcomes.Add($"{document.Kind} {document.DocumentControlNumber}: received, not yet acknowledged");
                continue;
            }
            var errors = (message?.Errors ?? []).Concat(contrl.InterchangeError is { } error && action == EdifactAcknowledgmentAction.Rejected ? [error] : []).ToList();
            outcomes.Add(Apply(document, receiptId, action == EdifactAcknowledgmentAction.Rejected ? "Rejected" : "Accepted", errors, $"CONTRL for interchange {contrl.InterchangeReference}"));
        }
        return Summary(partnerId, $"CONTRL for interchange {contrl.InterchangeReference}", outcomes);
    }

    // On the record as stored now: the overdue check, or the AS2 sender recording its post, may be saving it too.
    private string Apply(OutboundRecord document, string receiptId, string status, List<string> errors, string what)
    {
        string? earlier = null;
        var applied = store.Update(document.Id, current =>
        {
            if (current.AcknowledgmentReceiptId == receiptId)
            {
                earlier = current.AcknowledgmentStatus;
                return false;
            }
            var now = time.GetUtcNow();
            bool late = current.AcknowledgmentStatus == "Overdue";
            current.AcknowledgmentStatus = status;
            current.AcknowledgmentReceivedAt = now;
            current.AcknowledgmentReceiptId = receiptId;
            current.AcknowledgmentErrors = [.. errors];
            current.Timeline.Add(new TimelineEvent
            {
                At = now,
                Step = status,
                Message = $"{what} ({receiptId}){(late ? ", after it was overdue" : "")}{(errors.Count == 0 ? "" : ": " + string.Join("; ", errors))}",
            });
            return true;
        });
        if (applied is null)
        {
            return earlier is not null
                ? $"{document.Kind} {document.DocumentControlNumber}: {earlier} (already recorded)"
                : $"{document.Kind} {document.DocumentControlNumber}: no longer tracked (purged meanwhile)";
        }
        LogReconciled(document.Kind, document.ControlNumber, document.PartnerId, status, errors.Count);
        return $"{document.Kind} {document.DocumentControlNumber} ({document.Id}): {status}";
    }

    private string Summary(string partnerId, string what, List<string> outcomes)
    {
        if (outcomes.Count > 0)
        {
            return $"{what}: " + string.Join("; ", outcomes);
        }
        LogUnmatched(partnerId, what);
        return $"{what} matches nothing we sent to {partnerId}; check its control numbers with the partner";
    }

    private static string Word(X12AcknowledgmentStatus status) => status switch
    {
        X12AcknowledgmentStatus.Accepted => "Accepted",
        X12AcknowledgmentStatus.Rejected => "Rejected",
        _ => "PartiallyAccepted",
    };

    // Control numbers compare as numbers: partners pad GS06 and ST02 differently.
    private static string Number(string value) =>
        long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long number) ? number.ToString(CultureInfo.InvariantCulture) : value.Trim();

    private static string? FunctionalIdOf(string kind)
    {
        try
        {
            return OutboundEnvelope.FunctionalId(kind);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{PartnerId} acknowledged {DocumentType} {ControlNumber}: {Status} ({Errors} error(s))")]
    private partial void LogReconciled(string documentType, string controlNumber, string partnerId, string status, int errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{PartnerId} sent a {What} that matches nothing we sent; check its control numbers with the partner")]
    private partial void LogUnmatched(string partnerId, string what);
}
