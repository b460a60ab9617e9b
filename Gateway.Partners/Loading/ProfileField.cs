using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Partners.Loading;

/// <summary>One YAML field: its name, .NET property and the rules its annotations carry.</summary>
internal sealed class ProfileField(PropertyInfo property)
{
    public PropertyInfo Property { get; } = property;

    public string Name { get; } = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    public bool IsRequired { get; } = property.IsDefined(typeof(RequiredAttribute));

    public string? Description { get; } = property.GetCustomAttribute<DescriptionAttribute>()?.Description;

    public StringLengthAttribute? Length { get; } = property.GetCustomAttribute<StringLengthAttribute>();

    public RegularExpressionAttribute? Pattern { get; } = property.GetCustomAttribute<RegularExpressionAttribute>();

    public RangeAttribute? Range { get; } = property.GetCustomAttribute<RangeAttribute>();

    /// <summary>The element type when the field is a list, else null.</summary>
    public Type? ItemType { get; } = property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)
        ? property.PropertyType.GetGenericArguments()[0]
        : null;
}
