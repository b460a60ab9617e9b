using System.Globalization;
using System.Text;
using Gateway.Edi;
using Gateway.Edi.Edifact;
using Gateway.Edi.X12;
using Gateway.Host.Outbound;
using Gateway.Host.Tracking;
using Gateway.Partners.ControlNumbers;
using Gateway.Partners.Loading;
using Gateway.Partners.Profiles;
using Microsoft.Extensions.Logging;

namespace Gateway.Host.Operations;

/// <summary>
/// "Send test document": queues a harmless interchange to a partner over its outbound transport, so onboarding staff
/// see the connection work end to end before the first real document. X12 partners get an interchange in test mode
/// (ISA15 T) carrying only a TA1; EDIFACT partners a UNB with the test indicator (0035 = 1) carrying a CONTRL. It takes
/// our next control numbers and goes through the outbound queue like an acknowledgment, so it is tracked, retried and
/// shown at <c>/outbound/{id}</c>.
/// </summary>
internal sealed partial class PartnerSelfTest(ProfileReloader profiles, ControlNumberSequencer controlNumbers, ITrackingStore store, OutboundSignal signal, TimeProvider time, ILogger<PartnerSelfTest> log)
{
    private const string Prefix = "ST-";
    private const string Requested = "self-test requested by ";

    /// <summary>The queued test (its tracking id, kind and transport), or why none was queued.</summary>
    public sealed record Result(string? TrackingId, string? Kind, string? Transport, string? Problem);

    /// <summary>Whether the outbound record <paramref name="id"/> is a self-test.</summary>
    public static bool IsSelfTest(string id) => id.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Who asked for the self-test <paramref name="record"/>, from its timeline.</summary>
    public static string? RequestedBy(OutboundRecord record) =>
        record.Timeline.Select(e => e.Message).FirstOrDefault(m => m.StartsWith(Requested, StringComparison.Ordinal)) is { } message
            ? message[Requested.Length..].Split(':')[0]
            : null;

    /// <summary>Queues the test for <paramref name="partnerId"/> over <paramref name="transport"/> (default: the one its outbound documents use).</summary>
    public Result Send(string partnerId, string requestedBy, string? transport = null)
    {
        if (profiles.Current.Find(partnerId) is not { } partner)
        {
            return new Result(null, null, null, $"no partner '{partnerId}' is live; fix its profile first (gateway partners validate)");
        }
        var configured = Dashboard.ConfiguredTransports(partner).ToList();
        string chosen = string.IsNullOrWhiteSpace(transport) ? DefaultTransport(partner) : transport.Trim().ToLowerInvariant();
        if (!configured.Contains(chosen))
        {
            return new Result(null, null, null, $"{partnerId} has no {chosen} transport in its profile (it has {(configured.Count == 0 ? "none" : string.Join(", ", configured))})");
        }
        var standard = StandardOf(partner);
        var now = time.GetUtcNow();
        string kind, controlNumber, extension, what;
        byte[] content;
        try
        {
            if (standard == EdiStandard.X12)
            {
                (content, controlNumber) = WriteX12(partner, now);
                (kind, extension, what) = ("TA1", "x12", "a TA1 in a test interchange (ISA15 T)");
            }
            else
            {
                (content, controlNumber) = WriteEdifact(partner, now);
                (kind, extension, what) = ("CONTRL", "edi", "a CONTRL in a test interchange (UNB 0035 = 1)");
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException)
        {
            return new Result(null, null, null, exception.Message);
        }
        var record = new OutboundRecord
        {
            Id = $"{Prefix}{partnerId}-{kind}-{controlNumber}",
            PartnerId = partnerId,
            Kind = kind,
            Transport = chosen,
            FileName = $"{partnerId}-selftest-{kind}-{controlNumber}.{extension}",
            Content = content,
            ControlNumber = controlNumber,
            CreatedAt = now,
        };
        record.Timeline.Add(new TimelineEvent { At = now, Step = "Created", Message = $"{Requested}{requestedBy}: {what}, interchange {controlNumber}, over {chosen}" });
        store.Save(record);
        LogQueued(kind, controlNumber, partnerId, chosen, record.Id, requestedBy);
        signal.Notify();
        return new Result(record.Id, kind, chosen, null);
    }

    /// <summary>The transport the partner's outbound documents go over, as <see cref="OutboundSubmissions"/> chooses it.</summary>
    public static string DefaultTransport(PartnerProfile partner)
    {
        var agreed = partner.Agreements.Where(a => a.Transport is not null).OrderBy(a => a.Direction == DocumentDirection.Outbound ? 0 : 1).FirstOrDefault();
        if (agreed?.Transport is { } kind)
        {
            return ProfileNames.Of(kind);
        }
        var configured = Dashboard.ConfiguredTransports(partner).ToList();
        return configured.Contains("folder") ? "folder" : configured.FirstOrDefault() ?? "as2";
    }

    // The standard of its outbound agreements, else of any agreement, else of the identities it has.
    private static EdiStandard StandardOf(PartnerProfile partner) =>
        partner.Agreements.OrderBy(a => a.Direction == DocumentDirection.Outbound ? 0 : 1).Select(a => (EdiStandard?)a.Standard).FirstOrDefault()
            ?? (partner.Identities.X12.Count > 0 ? EdiStandard.X12 : EdiStandard.Edifact);

    private (byte[] Content, string ControlNumber) WriteX12(PartnerProfile partner, DateTimeOffset now)
    {
        var us = partner.OurIdentity.X12 ?? throw new InvalidOperationException($"{partner.Id} has no ourIdentity.x12 in its profile; add it to send X12");
        var them = (partner.Identities.X12.Count > 0 ? partner.Identities.X12[0] : null) ?? throw new InvalidOperationException($"{partner.Id} has no identities.x12 in its profile; add it to send X12");
        var settings = partner.Envelope.X12;
        bool v5 = partner.Agreements.Any(a => a.Standard == EdiStandard.X12 && a.Version.StartsWith("005", StringComparison.Ordinal));
        long icn = controlNumbers.Next(partner, EdiStandard.X12, ControlNumberLevel.Interchange);
        var delimiters = new EdiDelimiters((byte)settings.ElementSeparator[0], (byte)settings.ComponentSeparator[0], (byte)settings.SegmentTerminator[0],
            v5 ? (byte)settings.RepetitionSeparator[0] : null);
        var output = new MemoryStream();
        using (var writer = new X12Writer(output, delimiters, settings.LineBreakAfterSegment ? "\n" : "", leaveOpen: true))
        {
            writer.BeginInterchange(new X12InterchangeEnvelope(us.Qualifier, us.Id, them.Qualifier, them.Id, icn, now) { Version = v5 ? "00501" : "00401", UsageIndicator = "T" });
            // The TA1 accepts this very interchange (note 000): it answers nothing the partner sent.
            writer.WriteSegment("TA1", icn.ToString("000000000", CultureInfo.InvariantCulture), now.ToString("yyMMdd", CultureInfo.InvariantCulture),
                now.ToString("HHmm", CultureInfo.InvariantCulture), "A", "000");
            writer.EndInterchange();
        }
        return (output.ToArray(), icn.ToString("000000000", CultureInfo.InvariantCulture));
    }

    private (byte[] Content, string ControlNumber) WriteEdifact(PartnerProfile partner, DateTimeOffset now)
    {
        var us = partner.OurIdentity.Edifact ?? throw new InvalidOperationException($"{partner.Id} has no ourIdentity.edifact in its profile; add it to send EDIFACT");
        var them = (partner.Identities.Edifact.Count > 0 ? partner.Identities.Edifact[0] : null) ?? throw new InvalidOperationException($"{partner.Id} has no identities.edifact in its profile; add it to send EDIFACT");
        var settings = partner.Envelope.Edifact;
        string reference = controlNumbers.Next(partner, EdiStandard.Edifact, ControlNumberLevel.Interchange).ToString(CultureInfo.InvariantCulture);
        string message = controlNumbers.Next(partner, EdiStandard.Edifact, ControlNumberLevel.Document).ToString(CultureInfo.InvariantCulture);
        bool v4 = settings.SyntaxVersion >= 4;
        var delimiters = new EdiDelimiters((byte)settings.ElementSeparator[0], (byte)settings.ComponentSeparator[0], (byte)settings.SegmentTerminator[0],
            v4 ? (byte)settings.RepetitionSeparator[0] : null, (byte)settings.ReleaseCharacter[0]);
        var encoding = settings.SyntaxIdentifier is "UNOW" or "UNOY" ? Encoding.UTF8 : Encoding.Latin1;
        var output = new MemoryStream();
        using (var writer = new EdifactWriter(output, delimiters, encoding, settings.LineBreakAfterSegment ? "\n" : "", leaveOpen: true))
        {
            if (settings.WriteUna)
            {
                writer.WriteServiceStringAdvice();
            }
            writer.BeginInterchange(new EdifactInterchangeEnvelope(us.Id, them.Id, reference, now)
            {
                SyntaxIdentifier = settings.SyntaxIdentifier,
                SyntaxVersion = settings.SyntaxVersion.ToString(CultureInfo.InvariantCulture),
                SenderQualifier = us.Qualifier,
                RecipientQualifier = them.Qualifier,
                IsTest = true,
            });
            if (v4)
            {
                writer.BeginMessage(message, "CONTRL", "4", "1", "UN");
            }
            else
            {
                writer.BeginMessage(message, "CONTRL", "D", "3", "UN");
            }
            // UCI action 7 (acknowledged) for this very interchange: it answers nothing the partner sent.
            var uci = new SegmentListBuilder(EdiDelimiters.Internal, encoding: encoding);
            uci.Add("UCI", reference, uci.AddComposite(us.Id, us.Qualifier), uci.AddComposite(them.Id, them.Qualifier), "7");
            foreach (var segment in uci.Build())
            {
                writer.WriteSegment(segment);
            }
            writer.EndMessage();
            writer.EndInterchange();
        }
        return (output.ToArray(), reference);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued self-test {DocumentType} {ControlNumber} for {PartnerId} over {Transport} as {TrackingId}, requested by {User}")]
    private partial void LogQueued(string documentType, string controlNumber, string partnerId, string transport, string trackingId, string user);
}
