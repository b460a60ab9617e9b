using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Maps.JmesPath;

/// <summary>
/// The values expressions work on: null, <see cref="bool"/>, <see cref="decimal"/>, <see cref="string"/>, arrays
/// (<see cref="List{T}"/> of values) and objects (<see cref="Dictionary{TKey, TValue}"/> in key order). They are never
/// changed once built, so a result shares parts of its input instead of copying them, which is what makes a map cheap.
/// </summary>
internal static class JmesPathValues
{
    public static readonly object True = true;
    public static readonly object False = false;

    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static object Bool(bool value) => value ? True : False;

    public static List<object?> NewArray(int capacity = 0) => new(capacity);

    public static Dictionary<string, object?> NewObject(int capacity = 0) => new(capacity, StringComparer.Ordinal);

    /// <summary>The value of a System.Text.Json node (the gateway's JSON).</summary>
    public static object? FromNode(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var result = NewObject(obj.Count);
                foreach (var (key, value) in obj)
                {
                    result[key] = FromNode(value);
                }
                return result;
            case JsonArray array:
                var items = NewArray(array.Count);
                foreach (var item in array)
                {
                    items.Add(FromNode(item));
                }
                return items;
            default:
                var scalar = (JsonValue)node;
                return scalar.GetValueKind() switch
                {
                    JsonValueKind.String => scalar.GetValue<string>(),
                    JsonValueKind.True => True,
                    JsonValueKind.False => False,
                    JsonValueKind.Number => scalar.TryGetValue(out decimal number) ? number : decimal.Parse(scalar.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
                    _ => null,
                };
        }
    }

    /// <summary>The value of a parsed JSON element (a literal).</summary>
    /// <exception cref="OverflowException">A number is beyond what a decimal holds.</exception>
    public static object? FromElement(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var result = NewObject();
                foreach (var property in element.EnumerateObject())
                {
                    result[property.Name] = FromElement(property.Value);
                }
                return result;
            case JsonValueKind.Array:
                var items = NewArray(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    items.Add(FromElement(item));
                }
                return items;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return element.TryGetDecimal(out decimal number) ? number : decimal.Parse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
            case JsonValueKind.True:
                return True;
            case JsonValueKind.False:
                return False;
            default:
                return null;
        }
    }

    /// <summary>The node for <paramref name="value"/>, with null properties and null array items left out: in a mapped body null means absent.</summary>
    public static JsonNode? ToNode(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case string text:
                return JsonValue.Create(text);
            case bool flag:
                return JsonValue.Create(flag);
            case decimal number:
                return Number(number);
            case List<object?> array:
                var items = new JsonArray();
                foreach (var item in array)
                {
                    if (ToNode(item) is JsonNode node)
                    {
                        items.Add(node);
                    }
                }
                return items;
            case Dictionary<string, object?> obj:
                var result = new JsonObject();
                foreach (var (key, item) in obj)
                {
                    if (ToNode(item) is JsonNode node)
                    {
                        result[key] = node;
                    }
                }
                return result;
            default:
                return null;   // an expression reference is not data
        }
    }

    /// <summary>A JSON number written without a needless fraction: 12 rather than 12.0.</summary>
    public static JsonValue Number(decimal value) =>
        value == decimal.Truncate(value) && Math.Abs(value) < long.MaxValue ? JsonValue.Create((long)value) : JsonValue.Create(Normalize(value));

    /// <summary>The number without trailing zeros in its fraction (12.50 is 12.5).</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>JMESPath's truth: false, null, empty text, empty array and empty object are false; everything else is true.</summary>
    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool flag => flag,
        string text => text.Length > 0,
        List<object?> array => array.Count > 0,
        Dictionary<string, object?> obj => obj.Count > 0,
        _ => true,
    };

    /// <summary>The JMESPath type name: number, string, boolean, array, object, null (or expref).</summary>
    public static string TypeOf(object? value) => value switch
    {
        null => "null",
        string => "string",
        bool => "boolean",
        decimal => "number",
        List<object?> => "array",
        Dictionary<string, object?> => "object",
        _ => "expref",
    };

    /// <summary>Deep equality: numbers by value, texts ordinally, objects whatever their key order.</summary>
    public static bool AreEqual(object? left, object? right)
    {
        switch (left)
        {
            case null:
                return right is null;
            case string text:
                return right is string other && string.Equals(text, other, StringComparison.Ordinal);
            case decimal number:
                return right is decimal otherNumber && number == otherNumber;
            case bool flag:
                return right is bool otherFlag && flag == otherFlag;
            case List<object?> array:
                if (right is not List<object?> otherArray || array.Count != otherArray.Count)
                {
                    return false;
                }
                for (int i = 0; i < array.Count; i++)
                {
                    if (!AreEqual(array[i], otherArray[i]))
                    {
                        return false;
                    }
                }
                return true;
            case Dictionary<string, object?> obj:
                if (right is not Dictionary<string, object?> otherObject || obj.Count != otherObject.Count)
                {
                    return false;
                }
                foreach (var (key, value) in obj)
                {
                    if (!otherObject.TryGetValue(key, out var otherValue) || !AreEqual(value, otherValue))
                    {
                        return false;
                    }
                }
                return true;
            default:
                return ReferenceEquals(left, right);
        }
    }

    /// <summary>Compact JSON text of <paramref name="value"/> (what <c>to_string</c> returns for anything but a string).</summary>
    public static string ToJson(object? value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            Write(writer, value);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case List<object?> array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            case Dictionary<string, object?> obj:
                writer.WriteStartObject();
                foreach (var (key, item) in obj)
                {
                    writer.WritePropertyName(key);
                    Write(writer, item);
                }
                writer.WriteEndObject();
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
