namespace Gateway.Maps.JmesPath;

/// <summary>
/// An expression that does not parse, or that fails on a value. The message starts with the JMESPath error kind
/// (<c>syntax</c>, <c>unknown-function</c>, <c>invalid-arity</c>, <c>invalid-type</c>, <c>invalid-value</c>,
/// <c>undefined-variable</c>), as the specification names them.
/// </summary>
internal sealed class JmesPathException(string message) : Exception(message)
{
    /// <summary>A syntax error, showing where it is: position 12 of a long multi-line expression is hard to find by counting.</summary>
    public static JmesPathException Syntax(string text, int position, string problem)
    {
        string before = Flat(text[Math.Max(0, position - 20)..position]);
        string after = Flat(text[position..Math.Min(text.Length, position + 20)]);
        return new($"syntax error at position {position}, here: '{before}>>{after}': {problem}");
    }

    private static string Flat(string text) => text.ReplaceLineEndings(" ");
}
