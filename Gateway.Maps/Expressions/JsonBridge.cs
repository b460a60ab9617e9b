using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;

namespace Gateway.Maps.Expressions;

/// <summary>Converts between System.Text.Json nodes (the gateway's JSON) and Newtonsoft tokens (what JmesPath.Net evaluates).</summary>
internal static class JsonBridge
{
    public static JToken ToToken(JsonNode? node) => node switch
    {
        null => JValue.CreateNull(),
        JsonObject obj => new JObject(obj.Select(p => new JProperty(p.Key, ToToken(p.Value)))),
        JsonArray array => new JArray(array.Select(ToToken)),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => new JValue(value.GetValue<string>()),
            JsonValueKind.True => new JValue(true),
            JsonValueKind.False => new JValue(false),
            JsonValueKind.Number => value.TryGetValue(out long integer) ? new JValue(integer) : new JValue(decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)),
            _ => JValue.CreateNull(),
        },
        _ => JValue.CreateNull(),
    };

    /// <summary>The node for <paramref name="token"/>, with null properties and null array items left out: in a mapped body null means absent.</summary>
    public static JsonNode? ToNode(JToken? token) => token switch
    {
        null => null,
        JObject obj => ToObject(obj),
        JArray array => new JsonArray([.. array.Select(ToNode).Where(n => n is not null)]),
        JValue { Type: JTokenType.Null or JTokenType.Undefined } => null,
        JValue { Type: JTokenType.String } value => JsonValue.Create((string)value.Value!),
        JValue { Type: JTokenType.Boolean } value => JsonValue.Create((bool)value.Value!),
        JValue { Type: JTokenType.Integer } value => JsonValue.Create(Convert.ToInt64(value.Value, CultureInfo.InvariantCulture)),
        JValue { Type: JTokenType.Float } value => Number(Convert.ToDecimal(value.Value, CultureInfo.InvariantCulture)),
        JValue value => JsonValue.Create(Convert.ToString(value.Value, CultureInfo.InvariantCulture)),
        _ => null,
    };

    /// <summary>A JSON number written without a needless fraction: 12 rather than 12.0.</summary>
    public static JsonValue Number(decimal value) =>
        value == decimal.Truncate(value) && Math.Abs(value) < long.MaxValue ? JsonValue.Create((long)value) : JsonValue.Create(value / 1.000000000000000000000000000000000m);

    private static JsonObject ToObject(JObject obj)
    {
        var result = new JsonObject();
        foreach (var property in obj.Properties())
        {
            if (ToNode(property.Value) is JsonNode value)
            {
                result[property.Name] = value;
            }
        }
        return result;
    }
}
