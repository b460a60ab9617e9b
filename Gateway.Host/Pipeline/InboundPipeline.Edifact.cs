using Gateway.Edi.Edifact;
using Gateway.Edi.Edifact.Acknowledgments;
using Gateway.Edi.Validation;
using Gateway.Host.Orders;
using Gateway.Host.Tracking;
using Gateway.Partners.ControlNumbers;
using Gateway.Partners.Profiles;

namespace Gateway.Host.Pipeline;

internal sealed partial class InboundPipeline
{
    private void ParseEdifact(ReceiptRecord receipt, byte[] content, List<DocumentRecord> documents, List<OutboundRecord> outbound)
    {
        var directory = profiles.Current;
        var receivedFrom = receipt.TransportPartnerId is { } id ? directory.Find(id) : null;
        var pending = new List<PendingDocument>();
        int interchangeIndex = 0;
        var validator = new EdifactValidator(new EdifactValidatorOptions
        {
            ComplianceOf = i => Compliance(directory.IdentifyEdifact(i.SenderId, NullIfEmpty(i.SenderQualifier), i.RecipientId, NullIfEmpty(i.RecipientQualifier), receivedFrom).Partner),
        });
        using var stream = new MemoryStream(content, writable: false);
        foreach (var result in validator.ValidateStream(stream, (message, messageResult) =>
        {
            var document = NewDocument(receipt, $"{receipt.Id}-{interchangeIndex + 1}-{pending.Count + 1}", message.Type);
            document.Version = message.Version + message.Release;
            document.ControlNumber = message.ReferenceNumber;
            document.GroupControlNumber = message.Group is { } group ? group.Header[5] : "";
            document.InterchangeControlNumber = message.Interchange.ControlReference;
            document.BusinessReference = BusinessReferences.OfEdifact(message.Segments);
            (document.PurchaseOrder, document.Lines) = OrderFacts.OfEdifact(message.Type, message.Segments);
            pending.Add(new PendingDocument(messageResult.IsAccepted, messageResult.Issues, document, ReadContrl(message, document)));
        }))
        {
            interchangeIndex++;
            var interchange = result.Interchange;
            string? senderQualifier = NullIfEmpty(interchange.SenderQualifier);
            string? recipientQualifier = NullIfEmpty(interchange.RecipientQualifier);
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
            Admit(receipt, new InterchangeFacts(
                EdiStandard.Edifact,
                record,
                identification,
                interchange.Date + interchange.Time,
                interchange.IsTest,
                result.Issues,
                duplicate => new EdiIssue
                {
                    Code = EdiIssueCode.DuplicateInterchange,
                    Message = duplicate,
                    SegmentTag = "UNB",
                    ElementPosition = 5,
                    BytePosition = interchange.BytePosition,
                    InterchangeControlNumber = interchange.ControlReference,
                },
                (partner, agreement) => BuildContrl(receipt, partner, agreement, result)),
                pending, documents, outbound);
        }
    }

    // A CONTRL from the partner answers interchanges we sent; one we cannot read is kept with the reason and reconciles nothing.
    private Func<string, string, string>? ReadContrl(EdifactMessage message, DocumentRecord document)
    {
        if (message.Type != "CONTRL")
        {
            return null;
        }
        try
        {
            var contrl = EdifactReceivedContrl.Read(message);
            document.BusinessReference ??= $"interchange {contrl.InterchangeReference}";
            return (partnerId, receiptId) => reconciler.Reconcile(partnerId, receiptId, contrl);
        }
        catch (FormatException exception)
        {
            document.Issues.Add($"warning: the CONTRL cannot be read ({exception.Message}); it reconciles nothing");
            return null;
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

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
