using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Partners.Profiles;

/// <summary>Writes a <see cref="SecretReference"/> as the reference text (<c>env:NAME</c>), never a resolved value.</summary>
internal sealed class SecretReferenceJsonConverter : JsonConverter<SecretReference>
{
    public override SecretReference? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        SecretReference.TryParse(reader.GetString() ?? "", out var reference) ? reference : throw new JsonException("A secret must be env:NAME or file:PATH.");

    public override void Write(Utf8JsonWriter writer, SecretReference value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
