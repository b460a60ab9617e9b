using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Edi;
using Gateway.Edi.Edifact;
using Gateway.Edi.Edifact.Schemas;
using Gateway.Edi.Validation;
using Gateway.Edi.X12;
using Gateway.Edi.X12.Json;
using Gateway.Edi.X12.Schemas;

namespace Gateway.Host.Operations;

/// <summary>
/// Validates an archived interchange again, as the pipeline did, and keeps what one document's detail page needs:
/// its segments (a bounded number), its issues and those of its envelopes with positions and the codes reported, and
/// its JSON form. Reads the file once, and stops after the document's interchange.
/// </summary>
internal static class DocumentRevalidation
{
    /// <summary>At most this many segments of a document are shown: a 100 MB interchange must not kill the page.</summary>
    public const int MaxSegments = 2000;

    // Beyond this the JSON form is left out (it would be larger than the page can carry).
    private const int MaxJsonSegments = 20_000;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public sealed record Result(IReadOnlyList<RawSegment> Segments, int TotalSegments, IReadOnlyList<DocumentIssue> Issues, string? Json, bool Found);

    /// <summary>Validates <paramref name="content"/> again and keeps document <paramref name="documentId"/>; <paramref name="functionalAck"/> (997 or 999, the kind the partner was sent) names AK3/AK4 or IK3/IK4.</summary>
    public static Result Run(byte[] content, string receiptId, string documentId, EdiCompliance compliance, string functionalAck)
    {
        using var stream = new MemoryStream(content, writable: false);
        return EdiSyntaxDetector.Detect(content) == EdiSyntax.Edifact
            ? Edifact(stream, receiptId, documentId, compliance)
            : X12(stream, receiptId, documentId, compliance, functionalAck == "999");
    }

    private static Result X12(Stream stream, string receiptId, string documentId, EdiCompliance compliance, bool is999)
    {
        var validator = new X12Validator(new X12ValidatorOptions { ComplianceOf = _ => compliance });
        (int interchange, int document) = (0, 0);
        Captured? mine = null;
        X12DocumentResult? mineResult = null;
        string version = "";
        var envelopeIssues = new List<EdiIssue>();
        foreach (var result in validator.ValidateStream(stream, (set, documentResult) =>
        {
            if ($"{receiptId}-{interchange + 1}-{++document}" == documentId)
            {
                (mine, mineResult, version) = (Capture(set.Segments, () => X12DocumentJson.ToJson(set)), documentResult, set.Version);
            }
        }))
        {
            (interchange, document) = (interchange + 1, 0);
            if (mineResult is not null)
            {
                envelopeIssues.AddRange(result.Issues);
                envelopeIssues.AddRange(result.Groups.Where(g => g.Documents.Contains(mineResult)).SelectMany(g => g.Issues));
                break;
            }
        }
        if (mine is null || mineResult is null)
        {
            return new Result([], 0, [], null, Found: false);
        }
        string Reported(EdiIssue issue) => issue.Level switch
        {
            EdiIssueLevel.Element => Join($"{(is999 ? "IK3" : "AK3")} {X12AcknowledgmentCodes.SegmentHasElementErrors}", Code(is999 ? "IK4" : "AK4", X12AcknowledgmentCodes.ElementError(issue.Code))),
            EdiIssueLevel.Segment => Code(is999 ? "IK3" : "AK3", X12AcknowledgmentCodes.SegmentError(issue.Code)),
            EdiIssueLevel.Document => Code(is999 ? "IK5" : "AK5", X12AcknowledgmentCodes.TransactionSetError(issue.Code)),
            EdiIssueLevel.Group => Code("AK9", X12AcknowledgmentCodes.GroupError(issue.Code)),
            EdiIssueLevel.Interchange => Code("TA1", X12AcknowledgmentCodes.InterchangeNote(issue.Code)),
            _ => "",
        };
        return Assemble(mine, envelopeIssues.Concat(mineResult.Issues), Reported, (tag, element, component) => X12SchemaSet.Standard.ElementName(version, tag, element, component));
    }

    private static Result Edifact(Stream stream, string receiptId, string documentId, EdiCompliance compliance)
    {
        var validator = new EdifactValidator(new EdifactValidatorOptions { ComplianceOf = _ => compliance });
        (int interchange, int document) = (0, 0);
        Captured? mine = null;
        EdifactMessageResult? mineResult = null;
        string directory = "";
        var envelopeIssues = new List<EdiIssue>();
        foreach (var result in validator.ValidateStream(stream, (message, messageResult) =>
        {
            if ($"{receiptId}-{interchange + 1}-{++document}" == documentId)
            {
                (mine, mineResult, directory) = (Capture(message.Segments, () => EdifactDocumentJson.ToJson(message)), messageResult, message.Directory);
            }
        }))
        {
            (interchange, document) = (interchange + 1, 0);
            if (mineResult is not null)
            {
                envelopeIssues.AddRange(result.Issues);
                envelopeIssues.AddRange(result.Groups.Where(g => g.Messages.Contains(mineResult)).SelectMany(g => g.Issues));
                break;
            }
        }
        if (mine is null || mineResult is null)
        {
            return new Result([], 0, [], null, Found: false);
        }
        return Assemble(mine, envelopeIssues.Concat(mineResult.Issues), issue => $"CONTRL 0085 {EdifactSyntaxErrorCodes.Of(issue.Code)}",
            (tag, element, component) => EdifactSchemaSet.Standard.ElementName(directory, tag, element, component));
    }

    private static Result Assemble(Captured mine, IEnumerable<EdiIssue> found, Func<EdiIssue, string> reported, Func<string, int, int, string?> elementName)
    {
        var byFileIndex = mine.Segments.ToDictionary(s => s.FileSegmentIndex);
        var issues = found.OrderBy(i => i.BytePosition).Select(issue =>
        {
            var segment = issue.FileSegmentIndex > 0 && byFileIndex.TryGetValue(issue.FileSegmentIndex, out var s) ? s
                : issue.SegmentPosition > 0 && issue.SegmentPosition <= mine.Segments.Count ? mine.Segments[issue.SegmentPosition - 1]
                : null;
            return new DocumentIssue
            {
                Severity = issue.Severity == EdiSeverity.Error ? "error" : "warning",
                Code = issue.Code.ToString(),
                Level = issue.Level.ToString(),
                FileSegmentIndex = issue.FileSegmentIndex > 0 ? issue.FileSegmentIndex : segment?.FileSegmentIndex ?? 0,
                SegmentPosition = issue.SegmentPosition,
                SegmentTag = issue.SegmentTag,
                SegmentText = segment?.Text,
                ElementPosition = issue.ElementPosition,
                ComponentPosition = issue.ComponentPosition,
                ElementName = issue.SegmentTag is { } tag && issue.ElementPosition > 0 ? elementName(tag, issue.ElementPosition, issue.ComponentPosition) : null,
                ElementReference = issue.ElementReference,
                Value = issue.Value,
                ReportedCode = issue.Severity == EdiSeverity.Error && reported(issue) is { Length: > 0 } code ? code : null,
                Message = issue.Message,
                BytePosition = issue.BytePosition,
            };
        }).ToList();
        var segments = mine.Segments
            .Select(s => s with { Issues = issues.Where(i => i.FileSegmentIndex == s.FileSegmentIndex && i.SegmentText is not null).ToList() })
            .ToList();
        return new Result(segments, mine.Total, issues, mine.Json, Found: true);
    }

    // Copies the document's first segments out of the reader's buffers, and its JSON form when it is not huge.
    private static Captured Capture(SegmentList list, Func<JsonObject> json)
    {
        var segments = new List<RawSegment>(Math.Min(list.Count, MaxSegments));
        for (int i = 0; i < list.Count && i < MaxSegments; i++)
        {
            var segment = list[i];
            segments.Add(new RawSegment(segment.FileSegmentIndex, i + 1, list.Encoding.GetString(segment.Text), []));
        }
        return new Captured(segments, list.Count, list.Count <= MaxJsonSegments ? json().ToJsonString(Indented) : null);
    }

    private static string Code(string segment, string? code) => code is null ? "" : $"{segment} {code}";

    private static string Join(string first, string second) => second.Length == 0 ? first : $"{first}, {second}";

    private sealed record Captured(IReadOnlyList<RawSegment> Segments, int Total, string? Json);
}
