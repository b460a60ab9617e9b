using System.Text.Json.Nodes;
using Gateway.Maps.Expressions;
using Gateway.Maps.JmesPath;

namespace Gateway.Maps;

/// <summary>
/// A map file of <c>maps/</c>, loaded and checked: an inbound map turns a document's JSON form into back-end calls,
/// an outbound map turns a back-end event into a document's JSON form. Evaluating a map only reads its input: JMESPath
/// has no loops, recursion or I/O, and the output is bounded by <see cref="MaxOutputCharacters"/>.
/// </summary>
public sealed class Map
{
    /// <summary>The largest body or document a map may produce (as JSON text); more means the map multiplies its input.</summary>
    public const int MaxOutputCharacters = 4 * 1024 * 1024;

    private readonly IReadOnlyList<MapCall> _calls;
    private readonly Template? _document;

    internal Map(string name, string file, string? description, MapDirection direction, MapDocument document, bool isDefault, string? eventName, IReadOnlyList<MapCall> calls, Template? documentTemplate)
    {
        Name = name;
        File = file;
        Description = description;
        Direction = direction;
        Document = document;
        IsDefault = isDefault;
        Event = eventName;
        _calls = calls;
        _document = documentTemplate;
    }

    /// <summary>The file name without extension: what agreements name in <c>map:</c>.</summary>
    public string Name { get; }

    public string File { get; }

    public string? Description { get; }

    public MapDirection Direction { get; }

    /// <summary>What the map reads (inbound) or writes (outbound).</summary>
    public MapDocument Document { get; }

    /// <summary>Used for documents whose agreement names no map.</summary>
    public bool IsDefault { get; }

    /// <summary>The back-end event an outbound map reads (<c>shipment-confirmation</c>).</summary>
    public string? Event { get; }

    /// <summary>The names and endpoints of an inbound map's calls, in order.</summary>
    public IReadOnlyList<(string Name, string Endpoint)> Calls => [.. _calls.Select(c => (c.Name, c.Endpoint))];

    internal IReadOnlyList<MapCall> CompiledCalls => _calls;

    /// <summary>Event fields an outbound map needs: an event without them is refused with their names, before any document exists.</summary>
    internal IReadOnlyList<MapExpression> Requires { get; init; } = [];

    internal Template? DocumentTemplate => _document;

    /// <summary>
    /// The calls <paramref name="document"/> (a JSON form from Gateway.Edi) produces. The input also holds
    /// <c>source</c>: the tracking id, partner and control numbers every body carries.
    /// </summary>
    /// <exception cref="MapEvaluationException">A value could not be converted, or the output is too large; the message names the field and line.</exception>
    public IReadOnlyList<MappedCall> Apply(JsonObject document, string trackingId, string? partnerId)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (Direction != MapDirection.Inbound)
        {
            throw new InvalidOperationException($"{Name} is an outbound map.");
        }
        var input = (Dictionary<string, object?>)JmesPathValues.FromNode(document)!;
        input["source"] = JmesPathValues.FromNode(Source(document, trackingId, partnerId));
        var calls = new List<MappedCall>();
        foreach (var call in _calls)
        {
            if (call.Build(input) is MappedCall built)
            {
                Bound(built.BodyText, $"calls.{call.Name}.body");
                calls.Add(built);
            }
        }
        return calls;
    }

    /// <summary>The JSON form of the document <paramref name="backendEvent"/> becomes, envelope not included.</summary>
    /// <exception cref="MapEvaluationException">A value could not be converted, or the output is too large.</exception>
    public JsonObject Build(JsonObject backendEvent)
    {
        ArgumentNullException.ThrowIfNull(backendEvent);
        if (_document is null)
        {
            throw new InvalidOperationException($"{Name} is an inbound map.");
        }
        var input = JmesPathValues.FromNode(backendEvent);
        var missing = Requires.Where(r => !JmesPathValues.IsTrue(r.Evaluate(input))).Select(r => r.Text.Trim()).ToList();
        if (missing.Count > 0)
        {
            throw new MapEvaluationException($"the event lacks {string.Join(", ", missing)} (required by map {Name})");
        }
        var result = _document.Evaluate(input, "document") as JsonObject ?? throw new MapEvaluationException("document: the map must produce a JSON object");
        Bound(result.ToJsonString(), "document");
        return result;
    }

    /// <summary>The <c>source</c> object: who sent the document and its control numbers.</summary>
    public static JsonObject Source(JsonObject document, string trackingId, string? partnerId)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new JsonObject
        {
            ["trackingId"] = trackingId,
            ["partnerId"] = partnerId,
            ["standard"] = document["standard"]?.DeepClone(),
            ["version"] = document["version"]?.DeepClone(),
            ["documentType"] = document["type"]?.DeepClone(),
            ["controlNumber"] = document["controlNumber"]?.DeepClone(),
            ["interchangeControlNumber"] = document["interchange"]?["controlNumber"]?.DeepClone(),
            ["groupControlNumber"] = document["group"]?["controlNumber"]?.DeepClone(),
        };
    }

    private static void Bound(string output, string path)
    {
        if (output.Length > MaxOutputCharacters)
        {
            throw new MapEvaluationException($"{path}: the map produced more than {MaxOutputCharacters / 1024 / 1024} MiB of JSON; check for a projection that multiplies the document's lines");
        }
    }

    public override string ToString() => $"{Name} ({Direction.ToString().ToLowerInvariant()} {Document})";
}
