namespace Gateway.Edi.Edifact;

/// <summary>The values of a UNB that <see cref="EdifactWriter"/> generates.</summary>
public sealed record EdifactInterchangeEnvelope(
    string SenderId,
    string RecipientId,
    string ControlReference,
    DateTimeOffset Timestamp)
{
    /// <summary>UNB S001 0001, for example <c>UNOC</c>.</summary>
    public string SyntaxIdentifier { get; init; } = "UNOC";

    /// <summary>UNB S001 0002: <c>3</c> or <c>4</c>.</summary>
    public string SyntaxVersion { get; init; } = "3";

    /// <summary>UNB S002 0007, or null.</summary>
    public string? SenderQualifier { get; init; }

    /// <summary>UNB S003 0007, or null.</summary>
    public string? RecipientQualifier { get; init; }

    /// <summary>UNB 0031: ask the partner for a CONTRL.</summary>
    public bool AcknowledgmentRequested { get; init; }

    /// <summary>UNB 0035: a test interchange.</summary>
    public bool IsTest { get; init; }
}
