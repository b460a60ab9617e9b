using Gateway.Edi.Edifact;
using Gateway.Edi.Edifact.Acknowledgments;
using Gateway.Edi.Validation;
using Gateway.Host.Tracking;
using Gateway.Partners.ControlNumbers;
using Gateway.Partners.Identification;
using Gateway.Partners.Profiles;

namespace Gateway.Host.Pipeline;

internal sealed partial class InboundPipeline
{
    private void ParseEdifact(ReceiptRecord receipt, byte[] content, List<DocumentRecord> documents, List<OutboundRecord> outbound)
    {
        var directory = profiles.Current;
        var receivedFrom = receipt.TransportPartnerId is { } id ? directory.Find(id) : null;
        var pending = new List<(EdifactMessageResult Result, DocumentRecord Document)>();
        int interchangeIndex = 0;
        var validator = new EdifactValidator(new EdifactValidatorOptions { Compliance = Compliance(receivedFrom) });
        using var stream = new MemoryStream(content, writable: false);
        foreach (var result in validator.ValidateStream(stream, (message, messageResult) =>
        {
            var document = NewDocument(receipt, $"{receipt.Id}-{interchangeIndex + 1}-{pending.Count + 1}", message.Type);
            document.Version = message.Version + message.Release;
            document.ControlNumber = message.ReferenceNumber;
            document.GroupControlNumber = message.Group is { } group ? group.Header[5] : "";
            document.InterchangeControlNumber = message.Interchange.ControlReference;
            document.BusinessReference = BusinessReferences.OfEdifact(message.Segments);
            pending.Add((messageResult, document));
        }))
        {
            interchangeIndex++;
            var interchange = result.Interchange;
            string? senderQualifier = interchange.SenderQualifier.Length == 0 ? null : interchange.SenderQualifier;
            string? recipientQualifier = interchange.RecipientQualifier.Length == 0 ? null : interchange.RecipientQualifier;
            var identification = directory.IdentifyEdifact(interchange.SenderId, senderQualifier, interchange.RecipientId, recipientQualifier, receivedFrom);
            var record = new InterchangeRecord
            {
                Index = interchangeIndex,
                PartnerId = identification.Partner?.Id,
                Sender = senderQualifier is null ? interchange.SenderId : $"{interchange.SenderId}:{senderQualifier}",
                Receiver = recipientQualifier is null ? interchange.RecipientId : $"{interchange.RecipientId}:{recipientQualifier}",
                ControlNumber = interchange.ControlReference,
                Outcome = identification.Outcome.ToString(),
                Message = identification.Message,
            };
            receipt.Interchanges.Add(record);
            foreach (var (messageResult, document) in pending)
            {
                document.PartnerId = identification.Partner?.Id;
                document.IdempotencyKey = $"{document.PartnerId}:{interchange.Date}{interchange.Time}:{document.InterchangeControlNumber}:{document.GroupControlNumber}:{document.ControlNumber}";
                document.Issues.AddRange(result.Issues.Concat(messageResult.Issues).Select(i => i.ToString()));
            }
            if (!identification.IsIdentified)
            {
                Quarantine(pending.Select(p => p.Document), identification.Message);
            }
            else
            {
                var partner = identification.Partner!;
                var agreements = pending.Select(p => PartnerDirectory.FindAgreement(partner, EdiStandard.Edifact, p.Document.Version, p.Document.Type, DocumentDirection.Inbound)).ToList();
                var duplicate = CheckDuplicate(receipt, record, partner, EdiStandard.Edifact, interchange.ControlReference, agreements);
                if (duplicate is not null)
                {
                    result.Issues.Add(new EdiIssue
                    {
                        Code = EdiIssueCode.DuplicateInterchange,
                        Message = duplicate,
                        SegmentTag = "UNB",
                        ElementPosition = 5,
                        BytePosition = interchange.BytePosition,
                        InterchangeControlNumber = interchange.ControlReference,
                    });
                }
                bool envelopeValid = !result.Issues.Any(i => i.Severity == EdiSeverity.Error);
                for (int i = 0; i < pending.Count; i++)
                {
                    Decide(pending[i].Document, pending[i].Result.IsAccepted && envelopeValid, agreements[i], partner, duplicate, interchange.IsTest);
                }
                var ackAgreement = agreements.FirstOrDefault(a => a is not null) ?? partner.Agreements.FirstOrDefault(a => a.Standard == EdiStandard.Edifact && a.Direction == DocumentDirection.Inbound);
                if (ackAgreement is not null && BuildContrl(receipt, partner, ackAgreement, result) is { } ack)
                {
                    outbound.Add(ack);
                    foreach (var (_, document) in pending.Where(p => p.Document.Status == DocumentStatus.Validated))
                    {
                        document.Status = DocumentStatus.Acknowledged;
                        AddEvent(document.Timeline, "Acknowledged", $"CONTRL {ack.ControlNumber} queued for {partner.Id} over {ack.Transport}");
                    }
                }
            }
            documents.AddRange(pending.Select(p => p.Document));
            pending.Clear();
        }
    }

    private OutboundRecord? BuildContrl(ReceiptRecord receipt, PartnerProfile partner, Agreement agreement, EdifactInterchangeResult result)
    {
        var policy = agreement.Acknowledgments.Contrl ?? ContrlPolicy.OnRequest;
        bool hasErrors = !result.IsValid;
        var options = new EdifactAcknowledgmentOptions
        {
            // errorsOnly and onRequest still report errors: a rejected interchange is always answered.
            Policy = policy switch
            {
                ContrlPolicy.Never => EdifactAcknowledgmentPolicy.Never,
                ContrlPolicy.OnRequest when !hasErrors => EdifactAcknowledgmentPolicy.WhenRequested,
                ContrlPolicy.ErrorsOnly when !hasErrors => EdifactAcknowledgmentPolicy.Never,
                _ => EdifactAcknowledgmentPolicy.Always,
            },
            Positive = policy == ContrlPolicy.Always,
            TimeProvider = time,
            SegmentSuffix = partner.Envelope.Edifact.LineBreakAfterSegment ? "\n" : "",
        };
        var ack = new EdifactContrlBuilder(
            () => controlNumbers.Next(partner, EdiStandard.Edifact, ControlNumberLevel.Interchange).ToString(System.Globalization.CultureInfo.InvariantCulture),
            options).Build(result);
        return ack is null ? null : NewOutbound(receipt, partner, agreement, "CONTRL", ack.ControlReference, ack.Content, "edi");
    }
}
