using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Edi;
using Gateway.Edi.Edifact;
using Gateway.Edi.X12;
using Gateway.Edi.X12.Json;
using Gateway.Maps;
using Gateway.Maps.Loading;

namespace Gateway.Tests.Support;

/// <summary>
/// Golden tests of the shipped maps: EDI in, the exact calls out (inbound), or an event in, the exact EDI out that our
/// validator accepts (outbound). Expected files live in Gateway.Tests/TestData/maps; run with UPDATE_GOLDEN=1 to
/// (re)write them, then read the diff before committing: a written file fails the test so it is never silently taken.
/// </summary>
internal static class MapGolden
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The instant every golden envelope carries.</summary>
    public static readonly DateTimeOffset Timestamp = new(2026, 11, 28, 9, 15, 0, TimeSpan.Zero);

    public static string MapsDirectory => Path.Combine(Corpus.RepositoryRoot(), "maps");

    public static string TestData(string relative) => Path.Combine(Corpus.RepositoryRoot(), "Gateway.Tests", "TestData", "maps", relative);

    /// <summary>The shipped map <paramref name="name"/>, failing the test with every load error.</summary>
    public static Map Load(string name)
    {
        var (map, errors) = MapLoader.Load(Path.Combine(MapsDirectory, name + ".yaml"), new MapLoadOptions { Endpoints = new HashSet<string> { "erp", "crm", "wms" } });
        Assert.That(errors, Is.Empty, string.Join("\n", errors));
        return map!;
    }

    /// <summary>Every call the documents of <paramref name="ediFile"/> produce, as a JSON array of {document, name, endpoint, method, path, body}.</summary>
    public static JsonArray Inbound(string mapName, string ediFile, string partnerId)
    {
        var map = Load(mapName);
        var calls = new JsonArray();
        int position = 0;
        foreach (var document in Documents(File.ReadAllBytes(ediFile)))
        {
            position++;
            foreach (var call in map.Apply(document, $"T-{position}", partnerId))
            {
                calls.Add(new JsonObject
                {
                    ["document"] = position,
                    ["name"] = call.Name,
                    ["endpoint"] = call.Endpoint,
                    ["method"] = call.Method,
                    ["path"] = call.Path,
                    ["body"] = call.Body.DeepClone(),
                });
            }
        }
        return calls;
    }

    /// <summary>The interchange the outbound map writes for <paramref name="eventFile"/>, with a fixed envelope; fails when our validator finds an error.</summary>
    public static string Outbound(string mapName, string eventFile)
    {
        var map = Load(mapName);
        var form = map.Build((JsonObject)JsonNode.Parse(File.ReadAllText(eventFile))!);
        var output = new MemoryStream();
        if (map.Document.Standard == "X12")
        {
            X12DocumentJson.NumberHierarchy(form);
            string version = map.Document.Versions[0];
            using (var writer = new X12Writer(output, new EdiDelimiters((byte)'*', (byte)'>', (byte)'~', (byte)'^'), "\n", leaveOpen: true))
            {
                writer.BeginInterchange(new X12InterchangeEnvelope("ZZ", "DISTRIBUTOR", "ZZ", "PARTNER", 1, Timestamp) { Version = version.StartsWith("005", StringComparison.Ordinal) ? "00501" : "00401" });
                writer.BeginGroup(new X12GroupEnvelope(Gateway.Host.Outbound.OutboundEnvelope.FunctionalId(map.Document.Type), "DISTRIBUTOR", "PARTNER", 1, version, Timestamp));
                writer.WriteTransactionSet(map.Document.Type, "0001", X12DocumentJson.FromJson(form));
                writer.EndGroup();
                writer.EndInterchange();
            }
            var results = new X12Validator().ValidateStream(new MemoryStream(output.ToArray())).ToList();
            Assert.That(results.SelectMany(r => r.AllIssues).Where(i => i.Severity == Gateway.Edi.Validation.EdiSeverity.Error).Select(i => i.ToString()), Is.Empty, Encoding.ASCII.GetString(output.ToArray()));
        }
        else
        {
            string directory = map.Document.Versions[0];
            using (var writer = new EdifactWriter(output, EdifactWriter.DefaultDelimiters, segmentSuffix: "\n", leaveOpen: true))
            {
                writer.BeginInterchange(new EdifactInterchangeEnvelope("DISTRIBUTOR", "PARTNER", "1", Timestamp) { SenderQualifier = "ZZ", RecipientQualifier = "ZZ" });
                writer.BeginMessage("1", map.Document.Type, directory[..1], directory[1..], "UN");
                foreach (var segment in EdifactDocumentJson.FromJson(form))
                {
                    writer.WriteSegment(segment);
                }
                writer.EndMessage();
                writer.EndInterchange();
            }
            var results = new EdifactValidator().ValidateStream(new MemoryStream(output.ToArray())).ToList();
            Assert.That(results.SelectMany(r => r.AllIssues).Where(i => i.Severity == Gateway.Edi.Validation.EdiSeverity.Error).Select(i => i.ToString()), Is.Empty, Encoding.UTF8.GetString(output.ToArray()));
        }
        return Encoding.UTF8.GetString(output.ToArray());
    }

    /// <summary>Compares with the golden file, or writes it (and fails) when UPDATE_GOLDEN=1.</summary>
    public static void AssertGolden(JsonNode actual, string goldenFile) => AssertGolden(actual.ToJsonString(Indented) + "\n", goldenFile);

    public static void AssertGolden(string actual, string goldenFile)
    {
        string path = TestData(goldenFile);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            Assert.Fail($"wrote {path}; review it, then run again without UPDATE_GOLDEN");
        }
        Assert.That(File.Exists(path), Is.True, $"{path} is missing; run with UPDATE_GOLDEN=1 to write it");
        Assert.That(actual, Is.EqualTo(File.ReadAllText(path)));
    }

    /// <summary>The JSON form of every document of an EDI file.</summary>
    public static IEnumerable<JsonObject> Documents(byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        if (EdiSyntaxDetector.Detect(content) == EdiSyntax.Edifact)
        {
            using var reader = new EdifactReader(stream, leaveOpen: true);
            while (reader.Read())
            {
                if (reader.Kind == EdifactReadKind.Message)
                {
                    yield return EdifactDocumentJson.ToJson(reader.Message!);
                }
            }
            yield break;
        }
        using var x12 = new X12Reader(stream, leaveOpen: true);
        while (x12.Read())
        {
            if (x12.Kind == X12ReadKind.TransactionSet)
            {
                yield return X12DocumentJson.ToJson(x12.TransactionSet!);
            }
        }
    }
}
