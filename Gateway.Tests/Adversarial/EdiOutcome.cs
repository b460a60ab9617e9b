using Gateway.Edi;
using Gateway.Edi.Edifact;
using Gateway.Edi.Edifact.Acknowledgments;
using Gateway.Edi.Validation;
using Gateway.Edi.X12;
using Gateway.Edi.X12.Acknowledgments;
using Gateway.Edi.X12.Json;
using Gateway.Host.Orders;
using Gateway.Host.Pipeline;

namespace Gateway.Tests.Adversarial;

/// <summary>
/// What the inbound pipeline's parse stage does with a file, without the store: detect the standard, validate with
/// the same per-document work (JSON, business reference, order facts, reading a received 997/999/CONTRL/TA1), build
/// the acknowledgments, and read those again. The outcome is exactly one of: valid, issues (parsed, with errors),
/// refused (<see cref="EdiFormatException"/>), not EDI (no ISA/UNA/UNB in the first 4 KiB), no interchange.
/// </summary>
internal static class EdiOutcome
{
    public const string Valid = "valid";
    public const string Issues = "issues";
    public const string Refused = "refused";
    public const string NotEdi = "not-edi";
    public const string NoInterchange = "no-interchange";

    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public static FuzzResult Classify(byte[] input)
    {
        var syntax = EdiSyntaxDetector.Detect(input);
        try
        {
            return syntax switch
            {
                EdiSyntax.X12 => X12(input),
                EdiSyntax.Edifact => Edifact(input),
                _ => NotEdi,
            };
        }
        catch (EdiFormatException exception)
        {
            OracleException.Check(exception.BytePosition >= 0 && exception.BytePosition <= input.Length, $"EdiFormatException position outside the input: byte {exception.BytePosition} of {input.Length}");
            OracleException.Check(exception.SegmentIndex >= 0, $"EdiFormatException segment index negative: {exception.SegmentIndex}");
            OracleException.Check(!string.IsNullOrWhiteSpace(exception.Message), "EdiFormatException without a message");
            return Refused;
        }
    }

    private static FuzzResult X12(byte[] input)
    {
        var validator = new X12Validator();
        var ack997 = new X12AcknowledgmentBuilder(new X12SequentialControlNumbers(), new X12AcknowledgmentOptions { TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now) });
        var ack999 = new X12AcknowledgmentBuilder(new X12SequentialControlNumbers(), new X12AcknowledgmentOptions
        {
            Functional = X12FunctionalAcknowledgmentKind.Ack999,
            Technical = X12TechnicalAcknowledgmentPolicy.Always,
            TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now),
        });
        int interchanges = 0;
        bool valid = true;
        var acknowledgments = new List<byte[]>();
        using var stream = new MemoryStream(input, writable: false);
        foreach (var result in validator.ValidateStream(stream, (set, document) =>
        {
            _ = X12DocumentJson.ToJson(set);
            _ = BusinessReferences.OfX12(set.Type, set.Segments);
            _ = OrderFacts.OfX12(set.Type, set.Segments);
            if (set.Type is "997" or "999")
            {
                try
                {
                    _ = X12ReceivedAcknowledgment.Read(set);
                }
                catch (FormatException)
                {
                    // The pipeline keeps the document with a warning.
                }
            }
        }))
        {
            interchanges++;
            CheckIssues(result.AllIssues, input.Length);
            foreach (var ta1 in result.TechnicalAcknowledgments)
            {
                try
                {
                    _ = X12InterchangeAcknowledgment.Read(ta1);
                }
                catch (FormatException)
                {
                    // The pipeline notes it and reconciles nothing.
                }
            }
            foreach (var builder in new[] { ack997, ack999 })
            {
                if (builder.Build(result) is { } ack)
                {
                    acknowledgments.Add(ack.Content);
                }
            }
            valid &= result.IsValid;
        }
        return new FuzzResult(interchanges == 0 ? NoInterchange : valid ? Valid : Issues, () => Check(acknowledgments, "X12 acknowledgment", edifact: false));
    }

    private static FuzzResult Edifact(byte[] input)
    {
        var validator = new EdifactValidator();
        var contrl = new EdifactContrlBuilder(() => "1", new EdifactAcknowledgmentOptions
        {
            Policy = EdifactAcknowledgmentPolicy.Always,
            Positive = true,
            TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now),
        });
        int interchanges = 0;
        bool valid = true;
        var acknowledgments = new List<byte[]>();
        using var stream = new MemoryStream(input, writable: false);
        foreach (var result in validator.ValidateStream(stream, (message, document) =>
        {
            _ = EdifactDocumentJson.ToJson(message);
            _ = BusinessReferences.OfEdifact(message.Segments);
            _ = OrderFacts.OfEdifact(message.Type, message.Segments);
            if (message.Type == "CONTRL")
            {
                try
                {
                    _ = EdifactReceivedContrl.Read(message);
                }
                catch (FormatException)
                {
                    // The pipeline keeps the document with a warning.
                }
            }
        }))
        {
            interchanges++;
            CheckIssues(result.AllIssues, input.Length);
            if (contrl.Build(result) is { } ack)
            {
                acknowledgments.Add(ack.Content);
            }
            valid &= result.IsValid;
        }
        return new FuzzResult(interchanges == 0 ? NoInterchange : valid ? Valid : Issues, () => Check(acknowledgments, "CONTRL", edifact: true));
    }

    private static void Check(List<byte[]> acknowledgments, string what, bool edifact)
    {
        foreach (byte[] content in acknowledgments)
        {
            Reread(content, what, edifact);
        }
    }

    private static void CheckIssues(IEnumerable<EdiIssue> issues, int length)
    {
        foreach (var issue in issues)
        {
            OracleException.Check(Enum.IsDefined(issue.Code), $"issue with an undefined code: {(int)issue.Code}");
            OracleException.Check(issue.BytePosition >= -1 && issue.BytePosition <= length, $"issue position outside the input: byte {issue.BytePosition} of {length} ({issue.Code})");
            OracleException.Check(issue.FileSegmentIndex >= 0, $"issue segment index negative: {issue.FileSegmentIndex} ({issue.Code})");
            OracleException.Check(!string.IsNullOrWhiteSpace(issue.Message), $"issue without a message: {issue.Code}");
        }
    }

    // What we send back must itself be EDI a partner can read, whatever we were sent.
    private static void Reread(byte[] content, string what, bool edifact)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            int count = edifact ? new EdifactValidator().ValidateStream(stream).Count() : new X12Validator().ValidateStream(stream).Count();
            OracleException.Check(count == 1, $"our {what} holds {count} interchanges");
        }
        catch (EdiFormatException exception)
        {
            throw new OracleException($"our {what} is not readable EDI: {exception.Message}");
        }
    }
}
