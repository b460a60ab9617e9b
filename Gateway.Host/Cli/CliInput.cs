namespace Gateway.Host.Cli;

/// <summary>What several commands read the same way: <c>--name value</c> options and an input file.</summary>
internal static class CliInput
{
    /// <summary>The value after <paramref name="name"/>, or null.</summary>
    public static string? Option(string[] args, string name)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    /// <summary>The file's bytes, or null after telling the user why it cannot be read.</summary>
    public static byte[]? ReadFile(string file, TextWriter error)
    {
        try
        {
            return File.ReadAllBytes(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{file} cannot be read: {exception.Message}");
            return null;
        }
    }
}
