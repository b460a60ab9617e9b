using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Gateway.Partners.Profiles;

/// <summary>Where a secret lives: an environment variable (<c>env:NAME</c>) or a file (<c>file:PATH</c>); never the secret itself.</summary>
[JsonConverter(typeof(SecretReferenceJsonConverter))]
public sealed class SecretReference
{
    private SecretReference(SecretSource source, string name)
    {
        Source = source;
        Name = name;
    }

    /// <summary>Environment variable or file.</summary>
    public SecretSource Source { get; }

    /// <summary>The variable's name or the file's path.</summary>
    public string Name { get; }

    /// <summary>Parses <c>env:NAME</c> or <c>file:PATH</c>; anything else is refused, because it would be a secret written inline.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out SecretReference? reference)
    {
        reference = null;
        if (text.StartsWith("env:", StringComparison.Ordinal) && IsVariableName(text.AsSpan(4)))
        {
            reference = new SecretReference(SecretSource.Environment, text[4..]);
        }
        else if (text.StartsWith("file:", StringComparison.Ordinal) && text.Length > 5 && !text.AsSpan(5).ContainsAny('\0', '\n', '\r'))
        {
            reference = new SecretReference(SecretSource.File, text[5..]);
        }
        return reference is not null;
    }

    /// <summary>Reads the secret; false with a reason (never the value) when it is not there.</summary>
    /// <param name="baseDirectory">The folder a relative file path is relative to.</param>
    /// <param name="value">The secret, without a trailing line break.</param>
    /// <param name="problem">Why it could not be read.</param>
    public bool TryResolve(string baseDirectory, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? problem)
    {
        value = null;
        problem = null;
        if (Source == SecretSource.Environment)
        {
            value = Environment.GetEnvironmentVariable(Name);
            problem = value is null ? $"environment variable {Name} is not set" : null;
            return value is not null;
        }
        string path = Path.GetFullPath(Name, Path.GetFullPath(baseDirectory));
        try
        {
            value = File.ReadAllText(path).TrimEnd('\r', '\n');
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problem = $"secret file {path} cannot be read ({exception.GetType().Name})";
            return false;
        }
    }

    /// <summary>The reference as written (<c>env:AS2_KEY_PASSWORD</c>), safe to log.</summary>
    public override string ToString() => Source == SecretSource.Environment ? $"env:{Name}" : $"file:{Name}";

    private static bool IsVariableName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || char.IsAsciiDigit(name[0]))
        {
            return false;
        }
        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }
        return true;
    }
}
