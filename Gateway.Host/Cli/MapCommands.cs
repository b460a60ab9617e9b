using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Edi;
using Gateway.Edi.Edifact;
using Gateway.Edi.X12;
using Gateway.Edi.X12.Json;
using Gateway.Host.Configuration;
using Gateway.Host.Mapping;
using Gateway.Maps;
using Gateway.Partners.Identification;
using Gateway.Partners.Loading;
using Gateway.Partners.Profiles;

namespace Gateway.Host.Cli;

/// <summary><c>gateway maps validate|test</c>: check maps before a partner goes live, and see the exact calls a file would make.</summary>
internal static class MapCommands
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var settings = GatewaySettings.Load(Directory.GetCurrentDirectory());
        return args switch
        {
            ["validate"] => Validate(settings, settings.Maps, output, error),
            ["validate", var directory] when !directory.StartsWith("--", StringComparison.Ordinal) => Validate(settings, directory, output, error),
            ["test", .. var rest] when CliInput.Option(rest, "--partner") is string partner && CliInput.Option(rest, "--file") is string file
                && rest.Length == (rest.Contains("--json") ? 5 : 4) => Test(settings, partner, file, rest.Contains("--json"), output, error),
            _ => Usage(error),
        };
    }

    private static int Validate(GatewaySettings settings, string directory, TextWriter output, TextWriter error)
    {
        if (!Directory.Exists(directory))
        {
            error.WriteLine($"{directory} is not a folder; give the maps folder (default Gateway:Maps in appsettings.json).");
            return GatewayCommandLine.Usage;
        }
        var set = MapSet.Load(directory, MapCatalog.OptionsFor(settings));
        foreach (var map in set.Maps)
        {
            string what = map.Direction == MapDirection.Inbound
                ? string.Join(", ", map.Calls.Select(c => $"{c.Name} → {c.Endpoint}"))
                : $"event {map.Event}";
            output.WriteLine($"ok     {map.Name,-32} {map.Direction.ToString().ToLowerInvariant(),-8} {map.Document}{(map.IsDefault ? " (default)" : "")}: {what}");
        }
        foreach (var problem in set.Errors)
        {
            output.WriteLine($"error  {problem}");
        }
        output.WriteLine($"{set.Maps.Count} map(s) ok, {set.Errors.Count} error(s)");
        return set.Errors.Count == 0 ? GatewayCommandLine.Ok : GatewayCommandLine.Invalid;
    }

    private static int Test(GatewaySettings settings, string partnerId, string file, bool json, TextWriter output, TextWriter error)
    {
        var profiles = ProfileLoader.LoadDirectory(new ProfileCheckOptions { ProfilesDirectory = settings.PartnerProfiles, MapsDirectory = settings.Maps });
        var partner = profiles.Usable.FirstOrDefault(p => p.Id == partnerId);
        if (partner is null)
        {
            error.WriteLine($"No usable partner '{partnerId}' in {settings.PartnerProfiles}; check with: gateway partners validate");
            return GatewayCommandLine.Invalid;
        }
        if (CliInput.ReadFile(file, error) is not byte[] content)
        {
            return GatewayCommandLine.Invalid;
        }
        var set = MapSet.Load(settings.Maps, MapCatalog.OptionsFor(settings));
        foreach (var problem in set.Errors)
        {
            // A map that did not load is not used below: say so first, or the preview would mislead.
            error.WriteLine($"error  {problem}");
        }
        var results = new JsonArray();
        int failures = set.Errors.Count;
        try
        {
            foreach (var (document, standard, dateTime) in Documents(content))
            {
                var result = Preview(settings, set, partner, document, standard, dateTime, results.Count + 1);
                failures += result["error"] is null ? 0 : 1;
                results.Add(result);
            }
        }
        catch (EdiFormatException exception)
        {
            error.WriteLine($"{file}: not readable EDI: {exception.Message}");
            return GatewayCommandLine.NotEdi;
        }
        if (json)
        {
            output.WriteLine(results.ToJsonString(Indented));
        }
        else
        {
            Print(results, output);
        }
        return failures == 0 ? GatewayCommandLine.Ok : GatewayCommandLine.Invalid;
    }

    private static JsonObject Preview(GatewaySettings settings, MapSet set, PartnerProfile partner, JsonObject document, EdiStandard standard, string dateTime, int position)
    {
        string version = document["version"]!.GetValue<string>();
        string type = document["type"]!.GetValue<string>();
        string control = document["controlNumber"]!.GetValue<string>();
        var agreement = PartnerDirectory.FindAgreement(partner, standard, version, type, DocumentDirection.Inbound);
        string? mapName = DocumentMapper.Choose(agreement, set, standard == EdiStandard.X12 ? "X12" : "EDIFACT", version, type);
        var result = new JsonObject
        {
            ["document"] = $"{(standard == EdiStandard.X12 ? "X12" : "EDIFACT")} {version} {type} {control}",
            ["agreement"] = agreement?.ToString(),
            ["map"] = mapName,
        };
        string trackingId = $"TEST-{position}";
        string key = DocumentMapper.DocumentKey(partner.Id, dateTime, $"{document["interchange"]?["controlNumber"]}", $"{document["group"]?["controlNumber"]}", control);
        try
        {
            IReadOnlyList<MappedCall> calls = mapName is null
                ? agreement?.Endpoint is string endpoint ? [DocumentMapper.PassThroughCall(document, trackingId, partner.Id, endpoint)] : []
                : (set.Find(mapName) ?? throw new MapEvaluationException($"map '{mapName}' did not load; run gateway maps validate")).Apply(document, trackingId, partner.Id);
            result["calls"] = new JsonArray([.. calls.Select(call => (JsonNode)new JsonObject
            {
                ["name"] = call.Name,
                ["method"] = call.Method,
                ["url"] = settings.Endpoints.TryGetValue(call.Endpoint, out var e) ? e.BaseUrl.TrimEnd('/') + "/" + call.Path : $"({call.Endpoint} is not in Gateway:Endpoints)/{call.Path}",
                ["headers"] = new JsonObject
                {
                    ["Idempotency-Key"] = DocumentMapper.CallKey(key, mapName, call.Name),
                    ["X-Gateway-Tracking-Id"] = trackingId,
                    ["Content-Type"] = "application/json",
                    ["Authorization"] = e is null || e.Auth.Type is "none" or "" ? null : $"({e.Auth.Type} from {e.Auth.Secret ?? "no secret reference"}; value not shown)",
                },
                ["body"] = call.Body.DeepClone(),
            })]);
        }
        catch (MapEvaluationException exception)
        {
            result["error"] = exception.Message;
        }
        return result;
    }

    private static void Print(JsonArray results, TextWriter output)
    {
        foreach (var result in results.OfType<JsonObject>())
        {
            output.WriteLine($"# {result["document"]}: agreement {result["agreement"]?.ToString() ?? "(none)"}, map {result["map"]?.ToString() ?? "(none)"}");
            if (result["error"] is JsonNode problem)
            {
                output.WriteLine($"error: {problem}");
                continue;
            }
            var calls = result["calls"]!.AsArray();
            if (calls.Count == 0)
            {
                output.WriteLine("no call: nothing would be delivered");
            }
            foreach (var call in calls.OfType<JsonObject>())
            {
                output.WriteLine($"{call["method"]} {call["url"]}");
                foreach (var (name, value) in call["headers"]!.AsObject().Where(h => h.Value is not null))
                {
                    output.WriteLine($"{name}: {value}");
                }
                output.WriteLine(call["body"]!.ToJsonString(Indented));
                output.WriteLine();
            }
        }
    }

    // Every document of the file in its JSON form, with the interchange date and time that enter the idempotency key.
    private static IEnumerable<(JsonObject Document, EdiStandard Standard, string DateTime)> Documents(byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        if (EdiSyntaxDetector.Detect(content) == EdiSyntax.Edifact)
        {
            using var reader = new EdifactReader(stream, leaveOpen: true);
            while (reader.Read())
            {
                if (reader.Kind == EdifactReadKind.Message)
                {
                    var message = reader.Message!;
                    yield return (EdifactDocumentJson.ToJson(message), EdiStandard.Edifact, message.Interchange.Date + message.Interchange.Time);
                }
            }
            yield break;
        }
        using var x12 = new X12Reader(stream, leaveOpen: true);
        while (x12.Read())
        {
            if (x12.Kind == X12ReadKind.TransactionSet)
            {
                var set = x12.TransactionSet!;
                yield return (X12DocumentJson.ToJson(set), EdiStandard.X12, set.Group is { } group ? group.Interchange.Date + group.Interchange.Time : "");
            }
        }
    }

    private static int Usage(TextWriter error)
    {
        error.WriteLine("""
            Usage:
              gateway maps validate [DIR]                         check every map; exit 0 all good, 1 any error
              gateway maps test --partner ID --file FILE [--json]  the calls each document of FILE would make, not sent
            DIR defaults to Gateway:Maps from appsettings.json (maps).
            """);
        return GatewayCommandLine.Usage;
    }
}
