using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Gateway.Maps.Expressions;
using Newtonsoft.Json.Linq;

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

    // JmesPath.Net keeps scope state in its engine during let-expressions, so one compiled copy evaluates one document
    // at a time; parallel deliveries borrow spare copies compiled from the same text instead of queueing on a lock.
    private readonly ConcurrentBag<Map> _spares = [];
    private int _busy;
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

    /// <summary>Compiles another copy of this map from the same text, for a parallel evaluation.</summary>
    internal Func<Map?>? Recompile { get; set; }

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
        var input = (JObject)JsonBridge.ToToken(document);
        input["source"] = JsonBridge.ToToken(Source(document, trackingId, partnerId));
        return Evaluate(map =>
        {
            var calls = new List<MappedCall>();
            foreach (var call in map._calls)
            {
                if (call.Build(input) is MappedCall built)
                {
                    Bound(built.Body, $"calls.{call.Name}.body");
                    calls.Add(built);
                }
            }
            return calls;
        });
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
        var input = JsonBridge.ToToken(backendEvent);
        var result = Evaluate(map =>
        {
            var missing = map.Requires.Where(r => IsEmpty(JsonBridge.ToNode(r.Evaluate(input)))).Select(r => r.Text.Trim()).ToList();
            if (missing.Count > 0)
            {
                throw new MapEvaluationException($"the event lacks {string.Join(", ", missing)} (required by map {Name})");
            }
            return map._document!.Evaluate(input, "document") as JsonObject ?? throw new MapEvaluationException("document: the map must produce a JSON object");
        });
        Bound(result, "document");
        return result;
    }

    // Runs on this copy when it is free, else on a spare (compiled on first need and kept for the next time).
    private T Evaluate<T>(Func<Map, T> evaluate)
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) == 0)
        {
            try
            {
                return evaluate(this);
            }
            finally
            {
                Volatile.Write(ref _busy, 0);
            }
        }
        var spare = _spares.TryTake(out var taken) ? taken : Recompile?.Invoke();
        if (spare is null)
        {
            lock (_spares)
            {
                return evaluate(this);
            }
        }
        try
        {
            return spare.Evaluate(evaluate);
        }
        finally
        {
            _spares.Add(spare);
        }
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

    // JMESPath's false values, as a required field's value: absent, empty text, empty list, false.
    private static bool IsEmpty(JsonNode? value) => value switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonValue text when text.GetValueKind() == System.Text.Json.JsonValueKind.String => text.GetValue<string>().Length == 0,
        JsonValue flag => flag.GetValueKind() == System.Text.Json.JsonValueKind.False,
        _ => false,
    };

    private static void Bound(JsonNode output, string path)
    {
        if (output.ToJsonString().Length > MaxOutputCharacters)
        {
            throw new MapEvaluationException($"{path}: the map produced more than {MaxOutputCharacters / 1024 / 1024} MiB of JSON; check for a projection that multiplies the document's lines");
        }
    }

    public override string ToString() => $"{Name} ({Direction.ToString().ToLowerInvariant()} {Document})";
}
