namespace Gateway.Maps;

/// <summary>A problem in a map file: where it is and what to do about it.</summary>
/// <param name="File">The map file.</param>
/// <param name="Line">1-based line, 0 when the problem concerns the whole file.</param>
/// <param name="Path">The field, such as <c>calls.sales-order.body.lines</c>; empty for syntax problems.</param>
/// <param name="Message">What is wrong, then what to do.</param>
public sealed record MapError(string File, int Line, string Path, string Message)
{
    /// <summary><c>maps/x.yaml line 12, calls.sales-order.endpoint: …</c></summary>
    public override string ToString() =>
        $"{File}{(Line > 0 ? $" line {Line}" : "")}{(Path.Length > 0 ? $", {Path}" : "")}: {Message}";
}
