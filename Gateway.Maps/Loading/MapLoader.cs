using Gateway.Edi.Edifact;
using Gateway.Edi.X12.Json;
using Gateway.Maps.Expressions;
using Gateway.Maps.JmesPath;
using Gateway.Text;
using Gateway.Yaml;

namespace Gateway.Maps.Loading;

/// <summary>
/// Reads one map file and checks everything that can be checked before a document arrives: YAML and JMESPath syntax,
/// known functions and lookup tables, endpoints, and that every field read from (inbound) or written to (outbound)
/// a document exists in its standard's schema. Every problem names the file, line and field.
/// </summary>
public static class MapLoader
{
    private static readonly string[] TopKeys = ["description", "direction", "default", "reads", "event", "requires", "writes", "lookups", "calls", "document"];
    private static readonly string[] DocumentKeys = ["standard", "version", "versions", "document"];
    private static readonly string[] CallKeys = ["name", "endpoint", "method", "path", "when", "body"];
    private static readonly string[] Methods = ["POST", "PUT", "PATCH"];

    // Keys of the JSON form above the segments, and of the source object the engine adds, which inbound expressions may read.
    private static readonly HashSet<string> EnvelopeNames = new(StringComparer.Ordinal)
    {
        "standard", "version", "type", "controlNumber", "interchange", "group", "sender", "receiver", "qualifier", "id", "usage",
        "functionalId", "senderCode", "receiverCode", "source", "trackingId", "partnerId", "documentType", "interchangeControlNumber",
        "groupControlNumber", "index", "value", "date", "time",
    };

    /// <summary>Loads <paramref name="file"/>; the map is null when it has errors.</summary>
    public static (Map? Map, IReadOnlyList<MapError> Errors) Load(string file, MapLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Load(file, System.IO.File.ReadAllText(file), options ?? new MapLoadOptions());
    }

    /// <summary>Loads a map from <paramref name="text"/>, reporting problems against <paramref name="file"/>.</summary>
    public static (Map? Map, IReadOnlyList<MapError> Errors) Load(string file, string text, MapLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new Reader(file, options ?? new MapLoadOptions());
        var map = reader.Read(text.TrimStart('\uFEFF'));
        if (reader.Errors.Count > 0 || map is null)
        {
            return (null, reader.Errors);
        }
        return (map, reader.Errors);
    }

    private sealed class Reader(string file, MapLoadOptions options)
    {
        private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _lookups = new(StringComparer.Ordinal);
        private IReadOnlyDictionary<string, JmesPathFunction>? _functions;

        // lookup() reads the tables when a document is mapped, by which time ReadLookups has filled them.
        private IReadOnlyDictionary<string, JmesPathFunction> Functions => _functions ??= MapFunctions.For(_lookups);

        public List<MapError> Errors { get; } = [];

        private void Error(int line, string path, string message) => Errors.Add(new MapError(file, line, path, message));

        public Map? Read(string text)
        {
            var root = YamlTreeReader.Read(text, (line, _, message) => Error(line, "", message));
            if (root is null)
            {
                if (Errors.Count == 0)
                {
                    Error(0, "", "the file is empty; copy a shipped map from maps/ and adapt it");
                }
                return null;
            }
            if (root is not YamlMapping top)
            {
                Error(root.Line, "", "a map is a mapping of description, direction, reads, lookups and calls (or event, writes and document)");
                return null;
            }
            var fields = Fields(top, "", TopKeys);
            var direction = MapDirection.Inbound;
            if (fields.GetValueOrDefault("direction") is YamlNode directionNode)
            {
                string? value = Scalar(directionNode, "direction");
                direction = value switch
                {
                    "inbound" => MapDirection.Inbound,
                    "outbound" => MapDirection.Outbound,
                    _ => Invalid<MapDirection>(directionNode, "direction", $"'{value}' is not a direction; write inbound or outbound"),
                };
            }
            ReadLookups(fields.GetValueOrDefault("lookups"));
            MapMembersAndDirection(fields, direction);
            string name = Path.GetFileNameWithoutExtension(file);
            string? description = fields.GetValueOrDefault("description") is YamlNode d ? Scalar(d, "description") : null;
            bool isDefault = fields.GetValueOrDefault("default") is YamlNode def && Scalar(def, "default") is string flag && Bool(def, flag);
            if (direction == MapDirection.Inbound)
            {
                var reads = ReadDocument(fields.GetValueOrDefault("reads"), "reads", top.Line);
                var calls = ReadCalls(fields.GetValueOrDefault("calls"), top.Line);
                if (reads is null)
                {
                    return null;
                }
                CheckReads(reads, calls);
                return new Map(name, file, description, direction, reads, isDefault, null, calls, null);
            }
            var writes = ReadDocument(fields.GetValueOrDefault("writes"), "writes", top.Line);
            string? eventName = fields.GetValueOrDefault("event") is YamlNode e ? Scalar(e, "event") : null;
            if (eventName is null)
            {
                Error(top.Line, "event", "an outbound map names the back-end event it reads, such as event: shipment-confirmation");
            }
            Template? document = fields.GetValueOrDefault("document") is YamlNode documentNode ? ReadTemplate(documentNode, "document") : null;
            if (document is null)
            {
                Error(top.Line, "document", "an outbound map needs document: the JSON form of the document to write (segments by tag)");
                return null;
            }
            if (writes is not null)
            {
                CheckWrites(writes, document);
            }
            var requires = new List<MapExpression>();
            if (fields.GetValueOrDefault("requires") is YamlNode requiresNode)
            {
                if (requiresNode is YamlSequence list)
                {
                    requires.AddRange(list.Items.Select((item, i) => Compile(item, $"requires[{i}]")).OfType<MapExpression>());
                }
                else
                {
                    Error(requiresNode.Line, "requires", "requires is a list of event fields that must have a value, such as [shipmentId, shipDate]");
                }
            }
            return writes is null ? null : new Map(name, file, description, direction, writes, isDefault, eventName, [], document) { Requires = requires };
        }

        private void MapMembersAndDirection(Dictionary<string, YamlNode> fields, MapDirection direction)
        {
            string[] wrong = direction == MapDirection.Inbound ? ["event", "requires", "writes", "document"] : ["reads", "calls"];
            foreach (string key in wrong.Where(fields.ContainsKey))
            {
                Error(fields[key].Line, key, direction == MapDirection.Inbound
                    ? $"'{key}' belongs to outbound maps; add direction: outbound or remove it"
                    : $"'{key}' belongs to inbound maps; remove it or the direction: outbound line");
            }
        }

        private T Invalid<T>(YamlNode node, string path, string message)
        {
            Error(node.Line, path, message);
            return default!;
        }

        private bool Bool(YamlNode node, string value) => value switch
        {
            "true" => true,
            "false" => false,
            _ => Invalid<bool>(node, "default", $"'{value}' is not true or false"),
        };

        private Dictionary<string, YamlNode> Fields(YamlMapping mapping, string path, string[] allowed)
        {
            var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var (key, value) in mapping.Entries)
            {
                if (allowed.Contains(key.Value, StringComparer.Ordinal))
                {
                    fields[key.Value] = value;
                }
                else
                {
                    string? suggestion = Suggest(key.Value, allowed);
                    Error(key.Line, Join(path, key.Value), $"'{key.Value}' is not a field here{(suggestion is null ? "" : $"; did you mean {suggestion}?")} (allowed: {string.Join(", ", allowed)})");
                }
            }
            return fields;
        }

        private string? Scalar(YamlNode node, string path)
        {
            if (node is YamlScalar scalar && !scalar.IsNull)
            {
                return scalar.Value;
            }
            Error(node.Line, path, node is YamlScalar ? "a value is required" : $"expected a value, found {node.Kind}");
            return null;
        }

        private void ReadLookups(YamlNode? node)
        {
            if (node is null)
            {
                return;
            }
            if (node is not YamlMapping tables)
            {
                Error(node.Line, "lookups", "lookups is a mapping of table names to code: value mappings");
                return;
            }
            foreach (var (table, entriesNode) in tables.Entries)
            {
                if (entriesNode is not YamlMapping entries)
                {
                    Error(entriesNode.Line, $"lookups.{table.Value}", "a lookup table is a mapping of code: value lines, such as EA: each");
                    continue;
                }
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (code, valueNode) in entries.Entries)
                {
                    if (Scalar(valueNode, $"lookups.{table.Value}.{code.Value}") is string value)
                    {
                        values[code.Value] = value;
                    }
                }
                _lookups[table.Value] = values;
            }
        }

        private MapDocument? ReadDocument(YamlNode? node, string path, int fileLine)
        {
            if (node is not YamlMapping mapping)
            {
                Error(node?.Line ?? fileLine, path, $"{path} needs standard, version (or versions) and document, such as {{ standard: x12, versions: [\"004010\", \"005010\"], document: \"850\" }}");
                return null;
            }
            var fields = Fields(mapping, path, DocumentKeys);
            string? standard = fields.GetValueOrDefault("standard") is YamlNode s ? Scalar(s, $"{path}.standard")?.ToUpperInvariant() : null;
            string? type = fields.GetValueOrDefault("document") is YamlNode t ? Scalar(t, $"{path}.document") : null;
            var versions = new List<string>();
            if (fields.GetValueOrDefault("version") is YamlNode v && Scalar(v, $"{path}.version") is string version)
            {
                versions.Add(version);
            }
            if (fields.GetValueOrDefault("versions") is YamlSequence list)
            {
                versions.AddRange(list.Items.Select(i => Scalar(i, $"{path}.versions")).OfType<string>());
            }
            if (standard is not ("X12" or "EDIFACT"))
            {
                Error(mapping.Line, $"{path}.standard", $"'{standard}' is not a standard; write x12 or edifact");
                return null;
            }
            if (type is null || versions.Count == 0)
            {
                Error(mapping.Line, path, "name the document and at least one version, such as document: \"850\" and versions: [\"004010\"]");
                return null;
            }
            foreach (string known in versions.Where(version => FieldNames(standard, version, type) is null))
            {
                Error(mapping.Line, path, $"no {standard} {known} {type} schema ships with the gateway; check the version and document");
            }
            return new MapDocument(standard, versions, type);
        }

        private List<MapCall> ReadCalls(YamlNode? node, int fileLine)
        {
            var calls = new List<MapCall>();
            if (node is not YamlSequence list || list.Items.Count == 0)
            {
                Error(node?.Line ?? fileLine, "calls", "an inbound map needs calls: a list of back-end calls, each with name, endpoint, path and body");
                return calls;
            }
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < list.Items.Count; i++)
            {
                if (list.Items[i] is not YamlMapping call)
                {
                    Error(list.Items[i].Line, $"calls[{i}]", "a call is a mapping of name, endpoint, method, path, when and body");
                    continue;
                }
                var fields = Fields(call, $"calls[{i}]", CallKeys);
                string? name = fields.GetValueOrDefault("name") is YamlNode n ? Scalar(n, $"calls[{i}].name") : null;
                if (name is null)
                {
                    Error(call.Line, $"calls[{i}].name", "every call needs a name (it is part of the idempotency key), such as name: sales-order");
                    continue;
                }
                string path = $"calls.{name}";
                if (!names.Add(name))
                {
                    Error(call.Line, $"{path}.name", $"two calls are named '{name}'; give each its own name");
                }
                string? endpoint = fields.GetValueOrDefault("endpoint") is YamlNode e ? Scalar(e, $"{path}.endpoint") : null;
                if (endpoint is null)
                {
                    Error(call.Line, $"{path}.endpoint", "name the endpoint from Gateway:Endpoints in appsettings.json, such as endpoint: erp");
                }
                else if (options.Endpoints is { } known && !known.Contains(endpoint))
                {
                    Error(fields["endpoint"].Line, $"{path}.endpoint", $"'{endpoint}' is not in Gateway:Endpoints of appsettings.json (known: {string.Join(", ", known.Order(StringComparer.Ordinal))}); add it there or fix the name");
                }
                string method = fields.GetValueOrDefault("method") is YamlNode m ? Scalar(m, $"{path}.method")?.ToUpperInvariant() ?? "POST" : "POST";
                if (!Methods.Contains(method, StringComparer.Ordinal))
                {
                    Error(fields["method"].Line, $"{path}.method", $"'{method}' is not allowed; a map creates or updates, so write POST, PUT or PATCH");
                }
                var urlPath = fields.GetValueOrDefault("path") is YamlNode p ? ReadPath(p, $"{path}.path") : null;
                if (urlPath is null && !fields.ContainsKey("path"))
                {
                    Error(call.Line, $"{path}.path", "write the path relative to the endpoint's base URL, such as path: sales-orders");
                }
                MapExpression? when = fields.GetValueOrDefault("when") is YamlNode w ? Compile(w, $"{path}.when") : null;
                Template? body = fields.GetValueOrDefault("body") is YamlNode b ? ReadTemplate(b, $"{path}.body") : null;
                if (body is null && !fields.ContainsKey("body"))
                {
                    Error(call.Line, $"{path}.body", "every call needs a body");
                }
                if (endpoint is not null && urlPath is not null && body is not null)
                {
                    calls.Add(new MapCall(name, endpoint, method, urlPath, when, body));
                }
            }
            return calls;
        }

        private List<object>? ReadPath(YamlNode node, string path)
        {
            if (Scalar(node, path) is not string text)
            {
                return null;
            }
            var parts = new List<object>();
            int at = 0;
            while (at < text.Length)
            {
                int open = text.IndexOf('{', at);
                if (open < 0)
                {
                    parts.Add(text[at..]);
                    break;
                }
                int close = text.IndexOf('}', open);
                if (close < 0)
                {
                    Error(node.Line, path, "a '{' without its '}'; write values as {BEG.BEG03}");
                    return null;
                }
                if (open > at)
                {
                    parts.Add(text[at..open]);
                }
                if (Compile(text[(open + 1)..close], node.Line, path) is MapExpression expression)
                {
                    parts.Add(expression);
                }
                at = close + 1;
            }
            if (parts.OfType<string>().Any(p => p.Contains("..", StringComparison.Ordinal) || p.Contains("://", StringComparison.Ordinal) || p.StartsWith('/')))
            {
                Error(node.Line, path, "the path is relative to the endpoint's base URL: no leading '/', no '..', no scheme");
            }
            return parts;
        }

        private Template? ReadTemplate(YamlNode node, string path)
        {
            switch (node)
            {
                case YamlScalar scalar when scalar.IsNull:
                    Error(node.Line, path, "an empty value; write an expression, or 'text' for fixed text, or remove the key");
                    return null;
                case YamlScalar scalar:
                    return Compile(scalar, path) is MapExpression expression ? new ExpressionTemplate(expression) : null;
                case YamlMapping mapping:
                    var properties = new List<(string, int, Template)>();
                    foreach (var (key, value) in mapping.Entries)
                    {
                        if (ReadTemplate(value, $"{path}.{key.Value}") is Template template)
                        {
                            properties.Add((key.Value, key.Line, template));
                        }
                    }
                    return new ObjectTemplate(properties);
                case YamlSequence sequence:
                    var items = sequence.Items.Select((item, i) => ReadTemplate(item, $"{path}[{i}]")).ToList();
                    return items.Contains(null) ? null : new ArrayTemplate(items!);
                default:
                    return null;
            }
        }

        private MapExpression? Compile(YamlNode node, string path) =>
            Scalar(node, path) is string text ? Compile(text, node.Line, path) : null;

        private MapExpression? Compile(string text, int line, string path)
        {
            var expression = MapExpression.Compile(Functions, text, line, out string? error);
            if (expression is null)
            {
                string hint = error is not null && error.Contains("unknown-function", StringComparison.Ordinal)
                    ? $"; maps may call JMESPath's functions and {string.Join(", ", MapFunctions.Names.Order(StringComparer.Ordinal))}"
                    : "; fixed text is written in single quotes ('USD'), numbers in backquotes (`1`)";
                Error(line, path, $"'{text.Trim()}' is not a valid expression: {error}{hint}");
                return null;
            }
            return expression;
        }

        private void CheckReads(MapDocument reads, IReadOnlyList<MapCall> calls)
        {
            var names = new HashSet<string>(EnvelopeNames, StringComparer.Ordinal);
            foreach (string version in reads.Versions)
            {
                names.UnionWith(FieldNames(reads.Standard, version, reads.Type) ?? new HashSet<string>());
            }
            foreach (var call in calls)
            {
                var expressions = call.Body.Expressions($"calls.{call.Name}.body")
                    .Concat(call.Path.OfType<MapExpression>().Select(e => ($"calls.{call.Name}.path", e)))
                    .Concat(call.When is null ? [] : [($"calls.{call.Name}.when", call.When)]);
                foreach (var (path, expression) in expressions)
                {
                    CheckLookups(expression, path);
                    // Keys the expression builds itself ({c: HL.HL02} then [?c]) are fields too.
                    var (fields, built) = expression.Names();
                    foreach (string field in fields.Where(f => !names.Contains(f) && !built.Contains(f)))
                    {
                        string? suggestion = Suggest(field, names);
                        Error(expression.Line, path, $"'{field}' is not a field of the {reads} JSON form{(suggestion is null ? "" : $"; did you mean {suggestion}?")} (see gateway edi json FILE for a document's fields)");
                    }
                }
            }
        }

        private void CheckWrites(MapDocument writes, Template document)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            names.UnionWith(FieldNames(writes.Standard, writes.Versions[0], writes.Type) ?? new HashSet<string>());
            if (names.Count == 0)
            {
                return;
            }
            var written = document.Keys("document").Select(k => (k.Path, k.Key, k.Line))
                .Concat(document.Expressions("document").SelectMany(e => e.Expression.Names().Writes.Select(w => (e.Path, Key: w, e.Expression.Line))));
            foreach (var (path, key, line) in written.Where(w => w.Key is "ST" or "SE" or "UNH" or "UNT"))
            {
                Error(line, path, $"'{key}' is written by the gateway with the partner's control number; leave it out of the map");
            }
            foreach (var (path, key, line) in written.Where(w => !names.Contains(w.Key) && w.Key is not ("ST" or "SE" or "UNH" or "UNT")))
            {
                string? suggestion = Suggest(key, names);
                Error(line, path, $"'{key}' is not a segment, loop or element of {writes.Standard} {writes.Versions[0]} {writes.Type}{(suggestion is null ? "" : $"; did you mean {suggestion}?")}");
            }
            foreach (var (path, expression) in document.Expressions("document"))
            {
                CheckLookups(expression, path);
            }
        }

        // A lookup('table', …) naming a table the map lacks would fail on the first document; report it now.
        private void CheckLookups(MapExpression expression, string path)
        {
            int at = 0;
            while ((at = expression.Text.IndexOf("lookup(", at, StringComparison.Ordinal)) >= 0)
            {
                at += "lookup(".Length;
                string rest = expression.Text[at..].TrimStart();
                if (rest.StartsWith('\'') && rest.IndexOf('\'', 1) is int end and > 0 && !_lookups.ContainsKey(rest[1..end]))
                {
                    Error(expression.Line, path, $"lookup table '{rest[1..end]}' is not in this map's lookups; add it under lookups:");
                }
            }
        }

        private static IReadOnlySet<string>? FieldNames(string standard, string version, string type) =>
            standard == "X12" ? X12DocumentJson.FieldNames(version, type) : EdifactDocumentJson.FieldNames(version, type);

        private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

        // The closest name within two edits, for "did you mean"; among equals, one that holds every character typed (BEG3 → BEG03, not BEG).
        private static string? Suggest(string value, IEnumerable<string> candidates) =>
            candidates.Select(c => (Name: c, Distance: EditDistance.Between(value, c))).Where(c => c.Distance <= 2)
                .OrderBy(c => c.Distance).ThenBy(c => Contains(c.Name, value) ? 0 : 1).ThenBy(c => c.Name, StringComparer.Ordinal)
                .Select(c => c.Name).FirstOrDefault();

        private static bool Contains(string candidate, string typed)
        {
            int at = 0;
            foreach (char c in candidate)
            {
                if (at < typed.Length && char.ToUpperInvariant(c) == char.ToUpperInvariant(typed[at]))
                {
                    at++;
                }
            }
            return at == typed.Length;
        }
    }
}
