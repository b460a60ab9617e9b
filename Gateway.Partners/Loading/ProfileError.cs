namespace Gateway.Partners.Loading;

/// <summary>One problem in a profile file, with where it is and how to fix it.</summary>
/// <param name="File">The profile file as given to the loader.</param>
/// <param name="Line">1-based line; 0 when the problem is the file itself.</param>
/// <param name="Column">1-based column; 0 when unknown.</param>
/// <param name="Path">The field path, such as <c>transports.as2.encryption</c>; empty for the whole file.</param>
/// <param name="Message">What is wrong and what to do.</param>
/// <param name="Severity">Error or warning.</param>
public sealed record ProfileError(string File, int Line, int Column, string Path, string Message, ProfileSeverity Severity)
{
    /// <summary>The line an operator reads: <c>partner-profiles/acme.yaml line 14, transports.as2.encryption: …</c>.</summary>
    public override string ToString()
    {
        string where = Line > 0 ? $"{File} line {Line}" : File;
        string warning = Severity == ProfileSeverity.Warning ? "warning: " : "";
        return Path.Length == 0 ? $"{where}: {warning}{Message}" : $"{where}, {Path}: {warning}{Message}";
    }
}
