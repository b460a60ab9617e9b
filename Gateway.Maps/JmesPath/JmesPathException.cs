namespace Gateway.Maps.JmesPath;

/// <summary>
/// An expression that does not parse, or that fails on a value. The message starts with the JMESPath error kind
/// (<c>syntax</c>, <c>unknown-function</c>, <c>invalid-arity</c>, <c>invalid-type</c>, <c>invalid-value</c>,
/// <c>undefined-variable</c>), as the specification names them.
/// </summary>
internal sealed class JmesPathException(string message) : Exception(message)
{
    public static JmesPathException Syntax(string text, int position, string problem) =>
        new($"syntax error at position {position} of '{text}': {problem}");
}
