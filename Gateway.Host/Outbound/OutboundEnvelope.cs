using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Gateway.Edi;
using Gateway.Edi.Edifact;
using Gateway.Edi.Validation;
using Gateway.Edi.X12;
using Gateway.Edi.X12.Json;
using Gateway.Host.Orders;
using Gateway.Host.Pipeline;
using Gateway.Partners.ControlNumbers;
using Gateway.Partners.Profiles;

namespace Gateway.Host.Outbound;

/// <summary>
/// Wraps a mapped document in the partner's envelope: our identity and theirs from the profile, their delimiters,
/// and the next control numbers of their sequences (persisted before use, never reused). The result is validated
/// by our own validator, so nothing goes to a partner that we would reject ourselves.
/// </summary>
internal sealed class OutboundEnvelope(ControlNumberSequencer controlNumbers, TimeProvider time)
{
    /// <summary>An enveloped document: its bytes, its control numbers at each level, its business reference, and the validator's errors (empty when it may go).</summary>
    public sealed record Enveloped(byte[] Content, string ControlNumber, string? GroupControlNumber, string DocumentControlNumber, string? BusinessReference, IReadOnlyList<string> Errors)
    {
        /// <summary>The customer's PO number the document belongs to.</summary>
        public string? PurchaseOrder { get; init; }

        /// <summary>Its item lines.</summary>
        public List<OrderLine> Lines { get; init; } = [];
    }

    public Enveloped Write(PartnerProfile partner, Agreement agreement, JsonObject form)
    {
        return agreement.Standard == EdiStandard.X12 ? WriteX12(partner, agreement, form) : WriteEdifact(partner, agreement, form);
    }

    private Enveloped WriteX12(PartnerProfile partner, Agreement agreement, JsonObject form)
    {
        var us = partner.OurIdentity.X12 ?? throw new InvalidOperationException($"{partner.Id} has no ourIdentity.x12 in its profile; add it to send X12");
        var them = (partner.Identities.X12.Count > 0 ? partner.Identities.X12[0] : null) ?? throw new InvalidOperationException($"{partner.Id} has no identities.x12 in its profile; add it to send X12");
        var settings = partner.Envelope.X12;
        X12DocumentJson.NumberHierarchy(form);
        var body = X12DocumentJson.FromJson(form);
        long icn = controlNumbers.Next(partner, EdiStandard.X12, ControlNumberLevel.Interchange);
        long gcn = controlNumbers.Next(partner, EdiStandard.X12, ControlNumberLevel.Group);
        string st02 = controlNumbers.Next(partner, EdiStandard.X12, ControlNumberLevel.Document).ToString("0000", CultureInfo.InvariantCulture);
        var now = time.GetUtcNow();
        var delimiters = new EdiDelimiters((byte)settings.ElementSeparator[0], (byte)settings.ComponentSeparator[0], (byte)settings.SegmentTerminator[0],
            agreement.Version.StartsWith("005", StringComparison.Ordinal) ? (byte)settings.RepetitionSeparator[0] : null);   // ISA11 is 'U' before 00402
        var output = new MemoryStream();
        using (var writer = new X12Writer(output, delimiters, settings.LineBreakAfterSegment ? "\n" : "", leaveOpen: true))
        {
            writer.BeginInterchange(new X12InterchangeEnvelope(us.Qualifier, us.Id, them.Qualifier, them.Id, icn, now)
            {
                Version = agreement.Version.StartsWith("005", StringComparison.Ordinal) ? "00501" : "00401",
                UsageIndicator = agreement.Usage == DocumentUsage.Test ? "T" : "P",
                AcknowledgmentRequested = settings.AcknowledgmentRequested,
            });
            writer.BeginGroup(new X12GroupEnvelope(FunctionalId(agreement.Document), us.ApplicationCode ?? us.Id, them.ApplicationCode ?? them.Id, gcn, agreement.Version, now));
            writer.WriteTransactionSet(agreement.Document, st02, body);
            writer.EndGroup();
            writer.EndInterchange();
        }
        byte[] content = output.ToArray();
        string? reference = null;
        (string? PurchaseOrder, List<OrderLine> Lines) facts = (null, []);
        var errors = new X12Validator().ValidateStream(new MemoryStream(content, writable: false), (set, _) =>
            {
                reference = BusinessReferences.OfX12(set.Type, set.Segments);
                facts = OrderFacts.OfX12(set.Type, set.Segments);
            })
            .SelectMany(r => r.AllIssues).Where(i => i.Severity == EdiSeverity.Error).Select(i => i.ToString()).ToList();
        return new Enveloped(content, icn.ToString("000000000", CultureInfo.InvariantCulture), gcn.ToString(CultureInfo.InvariantCulture), st02, reference, errors)
        {
            PurchaseOrder = facts.PurchaseOrder,
            Lines = facts.Lines,
        };
    }

    private Enveloped WriteEdifact(PartnerProfile partner, Agreement agreement, JsonObject form)
    {
        var us = partner.OurIdentity.Edifact ?? throw new InvalidOperationException($"{partner.Id} has no ourIdentity.edifact in its profile; add it to send EDIFACT");
        var them = (partner.Identities.Edifact.Count > 0 ? partner.Identities.Edifact[0] : null) ?? throw new InvalidOperationException($"{partner.Id} has no identities.edifact in its profile; add it to send EDIFACT");
        var settings = partner.Envelope.Edifact;
        var body = EdifactDocumentJson.FromJson(form);
        string reference = controlNumbers.Next(partner, EdiStandard.Edifact, ControlNumberLevel.Interchange).ToString(CultureInfo.InvariantCulture);
        string message = controlNumbers.Next(partner, EdiStandard.Edifact, ControlNumberLevel.Document).ToString(CultureInfo.InvariantCulture);
        var delimiters = new EdiDelimiters((byte)settings.ElementSeparator[0], (byte)settings.ComponentSeparator[0], (byte)settings.SegmentTerminator[0],
            settings.SyntaxVersion >= 4 ? (byte)settings.RepetitionSeparator[0] : null, (byte)settings.ReleaseCharacter[0]);
        var encoding = settings.SyntaxIdentifier is "UNOW" or "UNOY" ? Encoding.UTF8 : Encoding.Latin1;
        var output = new MemoryStream();
        using (var writer = new EdifactWriter(output, delimiters, encoding, settings.LineBreakAfterSegment ? "\n" : "", leaveOpen: true))
        {
            if (settings.WriteUna)
            {
                writer.WriteServiceStringAdvice();
            }
            writer.BeginInterchange(new EdifactInterchangeEnvelope(us.Id, them.Id, reference, time.GetUtcNow())
            {
                SyntaxIdentifier = settings.SyntaxIdentifier,
                SyntaxVersion = settings.SyntaxVersion.ToString(CultureInfo.InvariantCulture),
                SenderQualifier = us.Qualifier,
                RecipientQualifier = them.Qualifier,
                AcknowledgmentRequested = settings.AcknowledgmentRequested,
                IsTest = agreement.Usage == DocumentUsage.Test,
            });
            writer.BeginMessage(message, agreement.Document, agreement.Version[..1], agreement.Version[1..], "UN");
            foreach (var segment in body)
            {
                writer.WriteSegment(segment);
            }
            writer.EndMessage();
            writer.EndInterchange();
        }
        byte[] content = output.ToArray();
        string? businessReference = null;
        (string? PurchaseOrder, List<OrderLine> Lines) facts = (null, []);
        var errors = new EdifactValidator().ValidateStream(new MemoryStream(content, writable: false), (written, _) =>
            {
                businessReference = BusinessReferences.OfEdifact(written.Segments);
                facts = OrderFacts.OfEdifact(written.Type, written.Segments);
            })
            .SelectMany(r => r.AllIssues).Where(i => i.Severity == EdiSeverity.Error).Select(i => i.ToString()).ToList();
        return new Enveloped(content, reference, null, message, businessReference, errors)
        {
            PurchaseOrder = facts.PurchaseOrder,
            Lines = facts.Lines,
        };
    }

    /// <summary>GS01 for a transaction set.</summary>
    public static string FunctionalId(string type) => type switch
    {
        "850" => "PO",
        "855" => "PR",
        "856" => "SH",
        "810" => "IN",
        "940" => "OW",
        "945" => "SW",
        "997" => "FA",
        "999" => "FA",
        _ => throw new InvalidOperationException($"no functional group id is known for transaction set {type}"),
    };
}
