using Gateway.Partners.Loading;

namespace Gateway.Partners.Profiles;

/// <summary>The names profile files use for enum values (<c>aes256</c>, <c>3des</c>, <c>onRequest</c>), for messages and listings.</summary>
public static class ProfileNames
{
    /// <summary>The profile-file name of <paramref name="value"/>.</summary>
    public static string Of<T>(T value) where T : struct, Enum =>
        ProfileFieldMap.EnumNames(typeof(T)).First(n => n.Value.Equals(value)).Name;
}
