using Gateway.Edi.Validation;
using Gateway.Edi.X12;
using Gateway.Edi.X12.Acknowledgments;
using Gateway.Host.Orders;
using Gateway.Host.Tracking;
using Gateway.Partners.ControlNumbers;
using Gateway.Partners.Profiles;

namespace Gateway.Host.Pipeline;

internal sealed partial class InboundPipeline
{
    private void ParseX12(ReceiptRecord receipt, byte[] content, List<DocumentRecord> documents, List<OutboundRecord> outbound)
    {
        var directory = profiles.Current;
        var receivedFrom = receipt.TransportPartnerId is { } id ? directory.Find(id) : null;
        var pending = new List<PendingDocument>();
        int interchangeIndex = 0;
        var validator = new X12Validator(new X12ValidatorOptions
        {
            ComplianceOf = i => Compliance(directory.IdentifyX12(i.SenderQualifier, i.SenderId, i.ReceiverQualifier, i.ReceiverId, receivedFrom).Partner),
        });
        using var stream = new MemoryStream(content, writable: false);
        foreach (var result in validator.ValidateStream(stream, (set, documentResult) =>
        {
            string where = $"{interchangeIndex + 1}-{pending.Count + 1}";
            var document = NewDocument(receipt, $"{receipt.Id}-{where}", set.Type);
            document.Version = set.Version;
            document.ControlNumber = set.ControlNumber;
            document.GroupControlNumber = set.Group?.ControlNumber ?? "";
            document.InterchangeControlNumber = set.Group?.Interchange.ControlNumber ?? "";
            document.BusinessReference = BusinessReferences.OfX12(set.Type, set.Segments);
            (document.PurchaseOrder, document.Lines) = OrderFacts.OfX12(set.Type, set.Segments);
            pending.Add(new PendingDocument(documentResult.IsAccepted, documentResult.Issues, document, ReadAcknowledgment(set, document)));
        }))
        {
            interchangeIndex++;
            var interchange = result.Interchange;
            var identification = directory.IdentifyX12(interchange.SenderQualifier, interchange.SenderId, interchange.ReceiverQualifier, interchange.ReceiverId, receivedFrom);
            var record = new InterchangeRecord
            {
                Index = interchangeIndex,
                PartnerId = identification.Partner?.Id,
                Sender = $"{interchange.SenderQualifier}:{interchange.SenderId.TrimEnd()}",
                Receiver = $"{interchange.ReceiverQualifier}:{interchange.ReceiverId.TrimEnd()}",
                ControlNumber = interchange.ControlNumber,
                Outcome = identification.Outcome.ToString(),
                Message = identification.Message,
            };
            Admit(receipt, new InterchangeFacts(
                EdiStandard.X12,
                record,
                identification,
                interchange.Date + interchange.Time,
                interchange.UsageIndicator == "T",
                result.Issues,
                duplicate => new EdiIssue
                {
                    Code = EdiIssueCode.DuplicateInterchange,
                    Message = duplicate,
                    SegmentTag = "ISA",
                    ElementPosition = 13,
                    BytePosition = interchange.BytePosition,
                    InterchangeControlNumber = interchange.ControlNumber,
                },
                (partner, agreement) => BuildX12Acknowledgment(receipt, partner, agreement, result)),
                pending, documents, outbound);
            if (identification.Partner is { } sender && result.TechnicalAcknowledgments.Count > 0)
            {
                record.Message = string.Join("; ", result.TechnicalAcknowledgments.Select(ta1 => ReconcileTa1(sender.Id, receipt.Id, ta1)).Prepend(record.Message).Where(m => !string.IsNullOrEmpty(m)));
            }
        }
    }

    // A TA1 from the partner answers an interchange we sent; one we cannot read is noted and reconciles nothing.
    private string ReconcileTa1(string partnerId, string receiptId, Gateway.Edi.Segment ta1)
    {
        try
        {
            return reconciler.Reconcile(partnerId, receiptId, X12InterchangeAcknowledgment.Read(ta1));
        }
        catch (FormatException exception)
        {
            return $"a TA1 that cannot be read ({exception.Message}) reconciles nothing";
        }
    }

    // A 997 or 999 from the partner answers documents we sent; one we cannot read is kept with the reason and reconciles nothing.
    private Func<string, string, string>? ReadAcknowledgment(X12TransactionSet set, DocumentRecord document)
    {
        if (set.Type is not ("997" or "999"))
        {
            return null;
        }
        try
        {
            var ack = X12ReceivedAcknowledgment.Read(set);
            document.BusinessReference ??= $"{ack.FunctionalId} group {ack.GroupControlNumber}";
            return (partnerId, receiptId) => reconciler.Reconcile(partnerId, receiptId, ack);
        }
        catch (FormatException exception)
        {
            document.Issues.Add($"warning: the {set.Type} cannot be read as an acknowledgment ({exception.Message}); it reconciles nothing");
            return null;
        }
    }

    private OutboundRecord? BuildX12Acknowledgment(ReceiptRecord receipt, PartnerProfile partner, Agreement agreement, X12InterchangeResult result)
    {
        var policy = agreement.Acknowledgments;
        var options = new X12AcknowledgmentOptions
        {
            Functional = (policy.Functional ?? FunctionalAcknowledgment.Ack997) switch
            {
                FunctionalAcknowledgment.Ack999 => X12FunctionalAcknowledgmentKind.Ack999,
                FunctionalAcknowledgment.None => X12FunctionalAcknowledgmentKind.None,
                _ => X12FunctionalAcknowledgmentKind.Ack997,
            },
            Technical = (policy.Ta1 ?? Ta1Policy.OnRequest) switch
            {
                Ta1Policy.Always => X12TechnicalAcknowledgmentPolicy.Always,
                Ta1Policy.Never => X12TechnicalAcknowledgmentPolicy.Never,
                _ => X12TechnicalAcknowledgmentPolicy.WhenRequestedOrBroken,
            },
            TimeProvider = time,
            SegmentSuffix = partner.Envelope.X12.LineBreakAfterSegment ? "\n" : "",
        };
        var ack = new X12AcknowledgmentBuilder(new PartnerControlNumbers(controlNumbers, partner), options).Build(result);
        if (ack is null)
        {
            return null;
        }
        string kind = ack.Groups.Count == 0 ? "TA1"
            : options.Functional == X12FunctionalAcknowledgmentKind.Ack999 ? "999" : "997";
        if (ack.TechnicalStatus is not null && ack.Groups.Count > 0)
        {
            kind += "+TA1";
        }
        return NewOutbound(receipt, partner, agreement, kind, ack.InterchangeControlNumber.ToString("D9", System.Globalization.CultureInfo.InvariantCulture), ack.Content, "x12");
    }

    /// <summary>Draws acknowledgment control numbers from the partner's persisted sequences.</summary>
    private sealed class PartnerControlNumbers(ControlNumberSequencer sequencer, PartnerProfile partner) : IX12ControlNumberSource
    {
        public long NextInterchangeControlNumber(string partnerQualifier, string partnerId) => sequencer.Next(partner, EdiStandard.X12, ControlNumberLevel.Interchange);

        public long NextGroupControlNumber(string partnerQualifier, string partnerId) => sequencer.Next(partner, EdiStandard.X12, ControlNumberLevel.Group);
    }
}
