using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Partners.Loading;

/// <summary>The YAML fields of a profile class, read once from its properties and their annotations; the binder and the JSON Schema share it.</summary>
internal sealed class ProfileFieldMap
{
    private static readonly ConcurrentDictionary<Type, ProfileFieldMap> Cache = new();

    private ProfileFieldMap(Type type)
    {
        Type = type;
        Fields = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is not null)
            .Select(p => new ProfileField(p))
            .ToArray();
    }

    public Type Type { get; }

    public IReadOnlyList<ProfileField> Fields { get; }

    public static ProfileFieldMap For(Type type) => Cache.GetOrAdd(type, t => new ProfileFieldMap(t));

    public ProfileField? Find(string name) => Fields.FirstOrDefault(f => f.Name == name);

    /// <summary>The YAML names of an enum's members, in declaration order.</summary>
    public static IReadOnlyList<(string Name, object Value)> EnumNames(Type enumType) =>
        enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(f.Name), f.GetValue(null)!))
            .ToArray();
}
