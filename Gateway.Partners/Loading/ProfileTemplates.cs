namespace Gateway.Partners.Loading;

/// <summary>The commented starting points <c>gateway partners new</c> writes: one per common kind of partner.</summary>
public static class ProfileTemplates
{
    private const string Prefix = "Gateway.Partners.Templates.";

    /// <summary>The template names, such as <c>retailer-as2</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(ProfileTemplates).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^".yaml".Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The template <paramref name="template"/> with the partner's id and name filled in, or null when there is no such template.</summary>
    public static string? Render(string template, string id, string name)
    {
        using var stream = typeof(ProfileTemplates).Assembly.GetManifestResourceStream($"{Prefix}{template}.yaml");
        if (stream is null)
        {
            return null;
        }
        using var reader = new StreamReader(stream);
        // Templates write name: "{{name}}", a double-quoted scalar: escape what would end or break it.
        string quotedName = name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        return reader.ReadToEnd().Replace("{{id}}", id, StringComparison.Ordinal).Replace("{{name}}", quotedName, StringComparison.Ordinal);
    }
}
