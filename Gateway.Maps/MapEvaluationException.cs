namespace Gateway.Maps;

/// <summary>A map could not turn a document (or an event) into its output: the message names the call and field and the value at fault.</summary>
public sealed class MapEvaluationException : Exception
{
    public MapEvaluationException(string message)
        : base(message)
    {
    }

    public MapEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
