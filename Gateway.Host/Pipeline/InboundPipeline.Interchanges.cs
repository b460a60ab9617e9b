using Gateway.Edi.Validation;
using Gateway.Host.Mapping;
using Gateway.Host.Tracking;
using Gateway.Partners.Identification;
using Gateway.Partners.Profiles;

namespace Gateway.Host.Pipeline;

internal sealed partial class InboundPipeline
{
    /// <summary>
    /// The decisions every interchange gets, whatever its standard: partner on each document, quarantine when
    /// unidentified, agreements, the duplicate check, each document's status, and the acknowledgment.
    /// </summary>
    private void Admit(ReceiptRecord receipt, InterchangeFacts facts, List<PendingDocument> pending, List<DocumentRecord> documents, List<OutboundRecord> outbound)
    {
        var identification = facts.Identification;
        receipt.Interchanges.Add(facts.Record);
        bool envelopeValid = !facts.EnvelopeIssues.Any(i => i.Severity == EdiSeverity.Error);
        foreach (var (_, issues, document, _) in pending)
        {
            document.PartnerId = identification.Partner?.Id;
            document.IdempotencyKey = DocumentMapper.DocumentKey(document.PartnerId, facts.DateTime, document.InterchangeControlNumber, document.GroupControlNumber, document.ControlNumber);
            document.Issues.AddRange(facts.EnvelopeIssues.Concat(issues).Select(i => i.ToString()));
        }
        if (!identification.IsIdentified)
        {
            Quarantine(pending.Select(p => p.Document), identification.Message);
        }
        else
        {
            var partner = identification.Partner!;
            var agreements = pending.Select(p => PartnerDirectory.FindAgreement(partner, facts.Standard, p.Document.Version, p.Document.Type, DocumentDirection.Inbound)).ToList();
            var duplicate = CheckDuplicate(receipt, facts.Record, partner, facts.Standard, facts.Record.ControlNumber, agreements);
            if (duplicate is not null)
            {
                // The acknowledgment builders answer it: TA1 025, or CONTRL 26 at UNB 0020.
                facts.EnvelopeIssues.Add(facts.DuplicateIssue(duplicate));
            }
            // Decide checks business duplicates only in a new, non-test interchange: the others need no query. Its claim
            // comes before the query, so an earlier document being committed meanwhile is in one or the other. Should
            // anything below throw, the parse stage releases the receipt's claims on its way out.
            var claim = duplicate is null && !facts.IsTest ? referencesInFlight.Take(receipt.Id, [.. pending.Select(p => p.Document)]) : null;
            var stored = StoredWithReferences(claim?.Documents ?? [], claim?.Earlier ?? []);
            for (int i = 0; i < pending.Count; i++)
            {
                if (pending[i].Reconcile is { } reconcile && duplicate is null && pending[i].Accepted && envelopeValid)
                {
                    // An acknowledgment needs no agreement of its own: it answers documents we sent under theirs.
                    pending[i].Document.Status = DocumentStatus.Reconciled;
                    AddEvent(pending[i].Document.Timeline, "Reconciled", reconcile(partner.Id, receipt.Id));
                    continue;
                }
                Decide(pending[i].Document, pending[i].Accepted && envelopeValid, agreements[i], partner, duplicate, facts.IsTest, stored);
            }
            var ackAgreement = agreements.FirstOrDefault(a => a is not null)
                ?? partner.Agreements.FirstOrDefault(a => a.Standard == facts.Standard && a.Direction == DocumentDirection.Inbound);
            if (ackAgreement is not null && facts.Acknowledge(partner, ackAgreement) is { } ack)
            {
                outbound.Add(ack);
                foreach (var document in pending.Select(p => p.Document).Where(d => d.Status == DocumentStatus.Validated))
                {
                    document.Status = DocumentStatus.Acknowledged;
                    AddEvent(document.Timeline, "Acknowledged", $"{ack.Kind} {ack.ControlNumber} queued for {partner.Id} over {ack.Transport}");
                }
            }
            if (claim is not null)
            {
                referencesInFlight.Decided(claim);
            }
        }
        documents.AddRange(pending.Select(p => p.Document));
        pending.Clear();
    }

    /// <summary>A document read from an interchange, waiting for the interchange's decisions.</summary>
    /// <param name="Accepted">Whether its own validation accepted it.</param>
    /// <param name="Issues">Its own validation issues.</param>
    /// <param name="Document">Its tracking record.</param>
    /// <param name="Reconcile">For an acknowledgment from the partner: applies it to what we sent (partner id, receipt id) and says what it did.</param>
    private sealed record PendingDocument(bool Accepted, IReadOnlyList<EdiIssue> Issues, DocumentRecord Document, Func<string, string, string>? Reconcile = null);

    /// <summary>What one interchange of either standard contributes to <see cref="Admit"/>.</summary>
    /// <param name="Standard">X12 or EDIFACT.</param>
    /// <param name="Record">Its tracking record (control number, sender, receiver, outcome).</param>
    /// <param name="Identification">Who sent it.</param>
    /// <param name="DateTime">ISA09+ISA10 or UNB 0017+0019, part of every idempotency key.</param>
    /// <param name="IsTest">ISA15 T or UNB 0035 1: acknowledged, never delivered.</param>
    /// <param name="EnvelopeIssues">The interchange's own issues; a duplicate is added here for the acknowledgment.</param>
    /// <param name="DuplicateIssue">The issue reporting a duplicate, at the standard's control-number element.</param>
    /// <param name="Acknowledge">Builds the acknowledgment per the agreement, or null when none is due.</param>
    private sealed record InterchangeFacts(
        EdiStandard Standard,
        InterchangeRecord Record,
        IdentificationResult Identification,
        string DateTime,
        bool IsTest,
        List<EdiIssue> EnvelopeIssues,
        Func<string, EdiIssue> DuplicateIssue,
        Func<PartnerProfile, Agreement, OutboundRecord?> Acknowledge);
}
