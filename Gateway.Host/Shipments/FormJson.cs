using System.Text.Json.Nodes;

namespace Gateway.Host.Shipments;

/// <summary>
/// Reading the JSON form of a document (X12DocumentJson, EdifactDocumentJson) without caring whether the schema made
/// a segment one object or an array, or an element a composite or plain text: the forms differ by version and standard.
/// </summary>
internal static class FormJson
{
    /// <summary>The objects of <paramref name="node"/>: itself when an object, its objects when an array.</summary>
    public static IEnumerable<JsonObject> All(JsonNode? node) => node switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject single => [single],
        _ => [],
    };

    public static JsonObject? First(JsonNode? node) => All(node).FirstOrDefault();

    /// <summary>The text of a simple element; null when absent or empty (a composite needs <see cref="Component"/>).</summary>
    public static string? TextOf(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? text) && text.Length > 0 ? text : null;

    /// <summary>Component <paramref name="index"/> (1-based) of element <paramref name="element"/> of <paramref name="segment"/>, whether sent as a composite or as plain text.</summary>
    public static string? Component(JsonObject? segment, string element, int index = 1) => segment?[element] switch
    {
        JsonObject composite => TextOf(composite[$"{element}{index:00}"]),
        JsonValue plain when index == 1 => TextOf(plain),
        _ => null,
    };

    /// <summary>CCYYMMDD (with or without a time after it) as <c>YYYY-MM-DD</c>; null when it is not one.</summary>
    public static string? IsoDate(string? ccyymmdd) =>
        ccyymmdd is { Length: >= 8 } && ccyymmdd[..8].All(char.IsAsciiDigit) ? $"{ccyymmdd[..4]}-{ccyymmdd[4..6]}-{ccyymmdd[6..8]}" : null;

    /// <summary>Whether <paramref name="shipment"/> lacks <paramref name="field"/>: absent, null or empty text.</summary>
    public static bool Lacks(JsonObject shipment, string field) => shipment[field] switch
    {
        null => true,
        JsonValue value when value.TryGetValue(out string? text) => text.Length == 0,
        _ => false,
    };

    /// <summary>Sets <paramref name="field"/> only when there is a value, so a map sees the field missing rather than null.</summary>
    public static void SetIfAny(JsonObject target, string field, JsonNode? value)
    {
        if (value is not null)
        {
            target[field] = value;
        }
    }

    /// <summary>An address in the contract's shape (docs/backend-api.md, section 1) with only the parts that have a value.</summary>
    public static JsonObject Address(string? locationId, string? name, string? address1, string? address2, string? city, string? region, string? postalCode, string? country)
    {
        var address = new JsonObject();
        SetIfAny(address, "locationId", locationId);
        SetIfAny(address, "name", name);
        SetIfAny(address, "address1", address1);
        SetIfAny(address, "address2", address2);
        SetIfAny(address, "city", city);
        SetIfAny(address, "region", region);
        SetIfAny(address, "postalCode", postalCode);
        SetIfAny(address, "country", country);
        return address;
    }

    /// <summary>The address of an X12 N1 loop (N1, N3, N4).</summary>
    public static JsonObject X12Address(JsonObject loop)
    {
        var n1 = First(loop["N1"]);
        var n3 = First(loop["N3"]);
        var n4 = First(loop["N4"]);
        return Address(TextOf(n1?["N104"]), TextOf(n1?["N102"]), TextOf(n3?["N301"]), TextOf(n3?["N302"]),
            TextOf(n4?["N401"]), TextOf(n4?["N402"]), TextOf(n4?["N403"]), TextOf(n4?["N404"]));
    }

    /// <summary>The address of an EDIFACT NAD segment.</summary>
    public static JsonObject EdifactAddress(JsonObject nad) =>
        Address(Component(nad, "NAD02"), Component(nad, "NAD04"), Component(nad, "NAD05"), Component(nad, "NAD05", 2),
            Component(nad, "NAD06"), Component(nad, "NAD07"), Component(nad, "NAD08"), Component(nad, "NAD09"));
}
