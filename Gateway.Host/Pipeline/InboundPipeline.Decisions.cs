using Gateway.Edi.Validation;
using Gateway.Host.Tracking;
using Gateway.Partners.Duplicates;
using Gateway.Partners.Profiles;

namespace Gateway.Host.Pipeline;

internal sealed partial class InboundPipeline
{
    private void Quarantine(IEnumerable<DocumentRecord> documents, string reason)
    {
        foreach (var document in documents)
        {
            document.Status = DocumentStatus.Quarantined;
            AddEvent(document.Timeline, "Quarantined", reason);
        }
    }

    /// <summary>Registers the interchange; returns why it is a duplicate, or null when it is new.</summary>
    private string? CheckDuplicate(ReceiptRecord receipt, InterchangeRecord record, PartnerProfile partner, EdiStandard standard, string controlNumber, IEnumerable<Agreement?> agreements)
    {
        int days = agreements.OfType<Agreement>().Select(a => a.DuplicateWindowDays).DefaultIfEmpty(30).Max();
        if (days == 0)
        {
            return null;
        }
        var earlier = register.Register(new InterchangeKey(partner.Id, standard, controlNumber), receipt.Id, receipt.ReceivedAt, TimeSpan.FromDays(days));
        if (earlier is null)
        {
            return null;
        }
        string reason = $"interchange {controlNumber} from {partner.Id} was already received on {earlier.ReceivedAt:yyyy-MM-dd HH:mm} UTC as {earlier.TrackingId} (duplicate window {days} days); not forwarded";
        record.Outcome = "Duplicate";
        record.Message = reason;
        return reason;
    }

    /// <summary>Sets a document's status from its validation, agreement and interchange; <c>stored</c> holds the stored documents sharing a business reference with the interchange's.</summary>
    private void Decide(DocumentRecord document, bool accepted, Agreement? agreement, PartnerProfile partner, string? duplicate, bool testInterchange, ILookup<string, DocumentRecord> stored)
    {
        if (duplicate is not null)
        {
            document.Status = DocumentStatus.Duplicate;
            AddEvent(document.Timeline, "Duplicate", duplicate);
            return;
        }
        if (agreement is null)
        {
            document.Status = DocumentStatus.Rejected;
            AddEvent(document.Timeline, "Rejected",
                $"{partner.Id} has no inbound agreement for {document.Standard} {document.Version} {document.Type}; add one to its profile, then reprocess");
            return;
        }
        if (!accepted)
        {
            document.Status = DocumentStatus.Rejected;
            var errors = document.Issues.Count(i => i.StartsWith("error", StringComparison.Ordinal));
            AddEvent(document.Timeline, "Rejected", $"{errors} validation error(s); the acknowledgment tells {partner.Id} which");
            return;
        }
        if (agreement.Usage == DocumentUsage.Test && !testInterchange)
        {
            document.Status = DocumentStatus.Rejected;
            AddEvent(document.Timeline, "Rejected", $"production interchange under {partner.Id}'s test agreement; set usage: production when they go live");
            return;
        }
        document.Status = DocumentStatus.Validated;
        document.Map = testInterchange ? null : mapper.Choose(agreement, document.Standard, document.Version, document.Type);
        document.Endpoint = testInterchange || document.Map is not null ? null : agreement.Endpoint;
        if (!testInterchange && BusinessDuplicateOf(document, stored) is { } earlier && HandleBusinessDuplicate(document, agreement, partner, earlier))
        {
            return;
        }
        AddEvent(document.Timeline, "Validated",
            testInterchange ? "valid; a test interchange: acknowledged, never delivered"
            : document.Map is not null ? $"valid; map {document.Map} makes its back-end calls"
            : agreement.Endpoint is null ? "valid; no map for this document type and the agreement names no endpoint, so nothing is delivered"
            : $"valid; no map, so its JSON form goes to {agreement.Endpoint} as is");
    }

    // One query per interchange, not per document: a LiteDB query costs about half a millisecond however little it finds,
    // which made this check nine tenths of the parse stage of a large batch. Documents parsed beside it but not yet
    // committed (inFlight) count as stored.
    private ILookup<string, DocumentRecord> StoredWithReferences(IEnumerable<DocumentRecord> documents, IEnumerable<DocumentRecord> inFlight) =>
        store.DocumentsWithReferences([.. documents.Select(d => d.BusinessReference).OfType<string>().Distinct(StringComparer.Ordinal)])
            .Concat(inFlight)
            .ToLookup(d => d.BusinessReference!, StringComparer.Ordinal);

    // The same PO (ASN, invoice) number from the same partner under a new envelope: an earlier document that was not refused.
    private static DocumentRecord? BusinessDuplicateOf(DocumentRecord document, ILookup<string, DocumentRecord> stored) =>
        document.BusinessReference is not { } reference || document.PartnerId is null ? null
        : stored[reference]
            .Where(d => d.PartnerId == document.PartnerId && d.Type == document.Type && d.ReceiptId != document.ReceiptId
                && d.Status is not (DocumentStatus.Rejected or DocumentStatus.Duplicate or DocumentStatus.Quarantined or DocumentStatus.Parsed))
            .OrderBy(d => d.ReceivedAt)
            .FirstOrDefault();

    /// <summary>Applies the agreement's businessDuplicates policy; true when the document goes no further now.</summary>
    private bool HandleBusinessDuplicate(DocumentRecord document, Agreement agreement, PartnerProfile partner, DocumentRecord earlier)
    {
        string what = $"{document.Type} {document.BusinessReference} was already received from {partner.Id} on {earlier.ReceivedAt:yyyy-MM-dd HH:mm} UTC as {earlier.Id} ({earlier.Status})";
        switch (agreement.BusinessDuplicates)
        {
            case BusinessDuplicatePolicy.Reject:
                document.Status = DocumentStatus.Rejected;
                AddEvent(document.Timeline, "Rejected", $"{what}; the agreement rejects repeated business references (businessDuplicates: reject)");
                return true;
            case BusinessDuplicatePolicy.Hold:
                document.Status = DocumentStatus.Held;
                AddEvent(document.Timeline, "Held", $"{what}; held for a person to decide (businessDuplicates: hold): compare the two, then gateway track reprocess {document.Id} to send it on as a change");
                return true;
            default:
                AddEvent(document.Timeline, "Change", $"{what}; accepted as a change (businessDuplicates: accept)");
                return false;
        }
    }

    private OutboundRecord NewOutbound(ReceiptRecord receipt, PartnerProfile partner, Agreement agreement, string kind, string controlNumber, byte[] content, string extension)
    {
        string transport = agreement.Transport is { } chosen ? ProfileNames.Of(chosen) : receipt.Transport;
        string id = $"{receipt.Id}-ack-{kind.Replace('+', '-')}-{controlNumber}";
        return new OutboundRecord
        {
            Id = id,
            PartnerId = partner.Id,
            Kind = kind,
            Transport = transport,
            FileName = $"{partner.Id}-{kind.Replace('+', '-')}-{controlNumber}.{extension}",
            Content = content,
            ControlNumber = controlNumber,
            RelatesTo = receipt.Id,
            CreatedAt = time.GetUtcNow(),
        };
    }

    private static EdiCompliance Compliance(PartnerProfile? partner) =>
        partner is not null && partner.Agreements.Any(a => a.Direction == DocumentDirection.Inbound)
            && partner.Agreements.Where(a => a.Direction == DocumentDirection.Inbound).All(a => a.Validation == ValidationStrictness.Lenient)
            ? EdiCompliance.Lenient
            : EdiCompliance.Strict;
}
