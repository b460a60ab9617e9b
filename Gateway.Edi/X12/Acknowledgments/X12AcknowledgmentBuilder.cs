using System.Globalization;
using Gateway.Edi.Validation;

namespace Gateway.Edi.X12.Acknowledgments;

/// <summary>Builds the TA1 and 997/999 for a validated interchange, mirroring its version and identities.</summary>
/// <remarks>Acknowledgments are never acknowledged: groups of 997s, 999s or TA1s (GS01 <c>FA</c>) get no
/// 997. An interchange rejected in its envelope gets a TA1 only.</remarks>
public sealed class X12AcknowledgmentBuilder(IX12ControlNumberSource controlNumbers, X12AcknowledgmentOptions? options = null)
{
    private readonly X12AcknowledgmentOptions _options = options ?? new X12AcknowledgmentOptions();

    /// <summary>Builds the acknowledgment interchange, or returns null when none is due.</summary>
    public X12Acknowledgment? Build(X12InterchangeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        X12Interchange inbound = result.Interchange;
        var errors = result.Issues.Where(i => i.Severity == EdiSeverity.Error && i.Level == EdiIssueLevel.Interchange).ToList();
        bool rejected = errors.Count > 0;
        bool sendTa1 = _options.Technical switch
        {
            X12TechnicalAcknowledgmentPolicy.Always => true,
            X12TechnicalAcknowledgmentPolicy.Never => false,
            _ => inbound.AcknowledgmentRequested || rejected,
        };
        var groups = rejected || _options.Functional == X12FunctionalAcknowledgmentKind.None
            ? []
            : result.Groups.Where(g => g.Group.FunctionalId != "FA").ToList();
        if (!sendTa1 && groups.Count == 0)
        {
            return null;
        }

        DateTimeOffset now = _options.TimeProvider.GetLocalNow();
        long icn = controlNumbers.NextInterchangeControlNumber(inbound.SenderQualifier, inbound.SenderId);
        using var stream = new MemoryStream();
        // Mirror the partner's control version, unless it is not one (TA1 017): then answer in 00401.
        string version = inbound.Version.Length == 5 && inbound.Version.All(char.IsAsciiDigit) ? inbound.Version : "00401";
        EdiDelimiters d = Writable(inbound.Delimiters, version);
        using (var writer = new X12Writer(stream, d, _options.SegmentSuffix, leaveOpen: true))
        {
            writer.BeginInterchange(new X12InterchangeEnvelope(Safe(inbound.ReceiverQualifier, 2, d), Safe(inbound.ReceiverId, 15, d), Safe(inbound.SenderQualifier, 2, d), Safe(inbound.SenderId, 15, d), icn, now)
            {
                Version = version,
                UsageIndicator = inbound.UsageIndicator is "P" or "T" or "I" ? inbound.UsageIndicator : "P",
            });
            string? technicalStatus = null;
            if (sendTa1)
            {
                technicalStatus = rejected ? "R" : "A";
                string note = rejected ? X12AcknowledgmentCodes.InterchangeNote(errors[0].Code) : "000";
                writer.WriteSegment("TA1", Safe(inbound.ControlNumber, 9, d), Safe(inbound.Date, 6, d), Safe(inbound.Time, 4, d), technicalStatus, note);
            }
            var statuses = new List<(string, string)>();
            foreach (X12GroupResult group in groups)
            {
                writer.BeginGroup(new X12GroupEnvelope("FA", Safe(group.Group.ReceiverCode, 15, d), Safe(group.Group.SenderCode, 15, d),
                    controlNumbers.NextGroupControlNumber(inbound.SenderQualifier, inbound.SenderId), Safe(group.Group.Version, 12, d), now));
                string type = _options.Functional == X12FunctionalAcknowledgmentKind.Ack999 ? "999" : "997";
                string? reference = type == "999" && string.CompareOrdinal(group.Group.Version, "005010") >= 0 ? "005010X231A1" : null;
                writer.BeginTransactionSet(type, "0001", reference);
                var body = new X12FunctionalAcknowledgmentBody.SegmentSink(writer);
                string status = type == "999"
                    ? X12FunctionalAcknowledgmentBody.Write999(group, body, d)
                    : X12FunctionalAcknowledgmentBody.Write997(group, body, d);
                writer.EndTransactionSet();
                writer.EndGroup();
                statuses.Add((group.Group.ControlNumber, status));
            }
            writer.EndInterchange();
            return new X12Acknowledgment
            {
                Content = stream.ToArray(),
                InterchangeControlNumber = icn,
                TechnicalStatus = technicalStatus,
                Groups = statuses,
            };
        }
    }

    internal static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    // We answer in the partner's delimiters, unless one is a letter, digit or space (TA1 026/027): then in ours.
    private static EdiDelimiters Writable(EdiDelimiters inbound, string version)
    {
        if (!inbound.IncludesLetterDigitOrSpace)
        {
            return inbound;
        }
        // Before 00402 ISA11 is U, so the standard set without a repetition separator.
        return string.CompareOrdinal(version, "00402") >= 0 ? EdiDelimiters.X12Default : new EdiDelimiters((byte)'*', (byte)':', (byte)'~');
    }

    private static string Safe(string value, int maxLength, EdiDelimiters delimiters) =>
        X12FunctionalAcknowledgmentBody.Safe(value, maxLength, delimiters) ?? "";
}
