using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Edi;
using Gateway.Edi.Edifact;
using Gateway.Edi.Edifact.Acknowledgments;
using Gateway.Edi.Validation;
using Gateway.Edi.X12;
using Gateway.Edi.X12.Acknowledgments;
using Gateway.Edi.X12.Json;

namespace Gateway.Host.Cli;

/// <summary><c>gateway edi parse|validate|ack|json FILE</c>: the public contract of the EDI engine (DESIGN.md).</summary>
internal static class EdiCommands
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length < 2 || args[0] is not ("parse" or "validate" or "ack" or "json"))
        {
            error.WriteLine("Usage: gateway edi parse|validate|ack|json FILE");
            return GatewayCommandLine.Usage;
        }
        string file = args[1];
        if (!File.Exists(file))
        {
            error.WriteLine($"{file}: no such file. Check the path.");
            return GatewayCommandLine.Usage;
        }
        try
        {
            using FileStream stream = File.OpenRead(file);
            bool edifact = EdiSyntaxDetector.Detect(stream) == EdiSyntax.Edifact;
            return args[0] switch
            {
                "parse" => Parse(stream, output, edifact),
                "validate" when edifact => ValidateEdifact(stream, file, output),
                "validate" => Validate(stream, file, output),
                "json" when edifact => JsonEdifact(stream, output),
                "json" => Json(stream, output),
                "ack" when edifact => AckEdifact(stream, args[2..], output, error),
                _ => Ack(stream, args[2..], output, error),
            };
        }
        catch (EdiFormatException e)
        {
            error.WriteLine($"{file}: not readable as EDI: {e.Message}");
            return GatewayCommandLine.NotEdi;
        }
    }

    private static int Parse(Stream stream, TextWriter output, bool edifact)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            if (edifact)
            {
                EdifactParseSummary.Write(stream, json);
            }
            else
            {
                X12ParseSummary.Write(stream, json);
            }
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        return GatewayCommandLine.Ok;
    }

    private static int Validate(Stream stream, string file, TextWriter output) =>
        Print(new X12Validator().ValidateStream(stream).Select(r => (r.AllIssues, r.IsValid, r.Groups.Sum(g => g.Documents.Count))), file, output, "documents");

    private static int ValidateEdifact(Stream stream, string file, TextWriter output) =>
        Print(new EdifactValidator().ValidateStream(stream).Select(r => (r.AllIssues, r.IsValid, r.Groups.Sum(g => g.Messages.Count))), file, output, "messages");

    // One line per issue in file order, then the verdict; exit 0 valid, 1 invalid.
    private static int Print(IEnumerable<(IEnumerable<EdiIssue> Issues, bool Valid, int Documents)> interchanges, string file, TextWriter output, string noun)
    {
        bool valid = true;
        int documents = 0;
        foreach ((IEnumerable<EdiIssue> issues, bool interchangeValid, int count) in interchanges)
        {
            foreach (EdiIssue issue in issues.OrderBy(i => i.BytePosition))
            {
                output.WriteLine($"{file}: {issue}");
            }
            valid &= interchangeValid;
            documents += count;
        }
        output.WriteLine(valid ? $"{file}: valid ({documents} {noun})" : $"{file}: invalid");
        return valid ? GatewayCommandLine.Ok : GatewayCommandLine.Invalid;
    }

    private static int Json(Stream stream, TextWriter output)
    {
        using var reader = new X12Reader(stream, leaveOpen: true);
        while (reader.Read())
        {
            if (reader.Kind == X12ReadKind.TransactionSet)
            {
                JsonObject json = X12DocumentJson.ToJson(reader.TransactionSet!);
                output.WriteLine(json.ToJsonString(Indented));
            }
        }
        return GatewayCommandLine.Ok;
    }

    private static int JsonEdifact(Stream stream, TextWriter output)
    {
        using var reader = new EdifactReader(stream, leaveOpen: true);
        while (reader.Read())
        {
            if (reader.Kind == EdifactReadKind.Message)
            {
                output.WriteLine(EdifactDocumentJson.ToJson(reader.Message!).ToJsonString(Indented));
            }
        }
        return GatewayCommandLine.Ok;
    }

    private static int AckEdifact(Stream stream, string[] options, TextWriter output, TextWriter error)
    {
        if (options.FirstOrDefault(o => o is not ("--positive" or "--when-requested")) is { } unknown)
        {
            return RefuseOption(unknown, "[--positive] [--when-requested]", error);
        }
        var ackOptions = new EdifactAcknowledgmentOptions
        {
            SegmentSuffix = "\n",
            Positive = options.Contains("--positive"),
            // The command shows what the gateway would answer; it answers even when the partner did not ask.
            Policy = options.Contains("--when-requested") ? EdifactAcknowledgmentPolicy.WhenRequested : EdifactAcknowledgmentPolicy.Always,
        };
        int next = 0;
        // Real references come from the partner's persisted counters; this tool only shows the content.
        var builder = new EdifactContrlBuilder(() => (++next).ToString(System.Globalization.CultureInfo.InvariantCulture), ackOptions);
        int produced = 0;
        foreach (EdifactInterchangeResult result in new EdifactValidator().ValidateStream(stream))
        {
            if (builder.Build(result) is { } ack)
            {
                output.Write(result.Interchange.Encoding.GetString(ack.Content));
                produced++;
            }
        }
        if (produced == 0)
        {
            error.WriteLine("No CONTRL is due (a CONTRL is never answered).");
        }
        return GatewayCommandLine.Ok;
    }

    private static int Ack(Stream stream, string[] options, TextWriter output, TextWriter error)
    {
        var ackOptions = new X12AcknowledgmentOptions { SegmentSuffix = "\n" };
        for (int i = 0; i < options.Length; i++)
        {
            X12AcknowledgmentOptions? chosen = options[i] switch
            {
                "--999" => ackOptions with { Functional = X12FunctionalAcknowledgmentKind.Ack999 },
                "--ta1" when i + 1 < options.Length && TechnicalPolicy(options[++i]) is { } policy => ackOptions with { Technical = policy },
                _ => null,
            };
            if (chosen is null)
            {
                return RefuseOption(options[i], "[--999] [--ta1 auto|always|never]", error);
            }
            ackOptions = chosen;
        }
        // Real control numbers come from the partner's persisted counters; this tool only shows the content.
        var builder = new X12AcknowledgmentBuilder(new X12SequentialControlNumbers(), ackOptions);
        int produced = 0;
        foreach (X12InterchangeResult result in new X12Validator().ValidateStream(stream))
        {
            if (builder.Build(result) is { } ack)
            {
                output.Write(System.Text.Encoding.UTF8.GetString(ack.Content));
                produced++;
            }
        }
        if (produced == 0)
        {
            error.WriteLine("No acknowledgment is due (acknowledgments are not acknowledged, and no TA1 was requested).");
        }
        return GatewayCommandLine.Ok;
    }

    private static X12TechnicalAcknowledgmentPolicy? TechnicalPolicy(string value) => value switch
    {
        "auto" => X12TechnicalAcknowledgmentPolicy.WhenRequestedOrBroken,
        "always" => X12TechnicalAcknowledgmentPolicy.Always,
        "never" => X12TechnicalAcknowledgmentPolicy.Never,
        _ => null,
    };

    // A mistyped option must not quietly show a different acknowledgment than the one asked for.
    private static int RefuseOption(string option, string usage, TextWriter error)
    {
        error.WriteLine($"'{option}' is not an option of gateway edi ack for this file's standard. Usage: gateway edi ack FILE {usage}");
        return GatewayCommandLine.Usage;
    }
}
