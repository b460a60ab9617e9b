using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Partners.Profiles;

namespace Gateway.Partners.Loading;

/// <summary>
/// The JSON Schema of a profile file, generated from the same fields and rules the loader binds with, so that editors
/// (VS Code's YAML extension, JetBrains) complete and check profiles exactly as the gateway will.
/// </summary>
public static class ProfileJsonSchema
{
    /// <summary>The file name the schema is published under, beside the profiles.</summary>
    public const string FileName = "partner-profile.schema.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The schema as indented JSON text ending with a line break.</summary>
    public static string Generate()
    {
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "https://github.com/edi-gateway/gateway/partner-profiles/" + FileName,
            ["title"] = "EDI gateway partner profile",
        };
        foreach (var (key, value) in ObjectSchema(typeof(PartnerProfile)))
        {
            schema[key] = value?.DeepClone();
        }
        return schema.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
    }

    private static JsonObject ObjectSchema(Type type)
    {
        var map = ProfileFieldMap.For(type);
        var properties = new JsonObject();
        foreach (var field in map.Fields)
        {
            var property = field.ItemType is null
                ? ValueSchema(field.Property.PropertyType, field)
                : new JsonObject { ["type"] = "array", ["items"] = ValueSchema(field.ItemType, field) };
            if (field.Description is not null)
            {
                property["description"] = field.Description;
            }
            properties[field.Name] = property;
        }
        var result = new JsonObject { ["type"] = "object", ["additionalProperties"] = false, ["properties"] = properties };
        var required = map.Fields.Where(f => f.IsRequired).Select(f => (JsonNode)f.Name).ToArray();
        if (required.Length > 0)
        {
            result["required"] = new JsonArray(required);
        }
        return result;
    }

    private static JsonObject ValueSchema(Type type, ProfileField field)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string))
        {
            var text = new JsonObject { ["type"] = "string" };
            if (field.Length is { } length)
            {
                text["minLength"] = length.MinimumLength;
                text["maxLength"] = length.MaximumLength;
            }
            if (field.Pattern is { } pattern)
            {
                text["pattern"] = pattern.Pattern;
            }
            return text;
        }
        if (target == typeof(SecretReference))
        {
            return new JsonObject { ["type"] = "string", ["pattern"] = "^(env:[A-Za-z_][A-Za-z0-9_]*|file:.+)$" };
        }
        if (target == typeof(int) || target == typeof(long))
        {
            var number = new JsonObject { ["type"] = "integer" };
            if (field.Range is { } range)
            {
                number["minimum"] = Convert.ToInt64(range.Minimum, CultureInfo.InvariantCulture);
                number["maximum"] = Convert.ToInt64(range.Maximum, CultureInfo.InvariantCulture);
            }
            return number;
        }
        if (target == typeof(bool))
        {
            return new JsonObject { ["type"] = "boolean" };
        }
        if (target.IsEnum)
        {
            return new JsonObject { ["enum"] = new JsonArray(ProfileFieldMap.EnumNames(target).Select(n => (JsonNode)n.Name).ToArray()) };
        }
        return ObjectSchema(target);
    }
}
