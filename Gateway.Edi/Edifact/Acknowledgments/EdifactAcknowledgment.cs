namespace Gateway.Edi.Edifact.Acknowledgments;

/// <summary>The CONTRL interchange built for one received interchange, and what it says.</summary>
public sealed record EdifactAcknowledgment
{
    /// <summary>The interchange as bytes, ready to send.</summary>
    public required byte[] Content { get; init; }

    /// <summary>The UNB 0020 we gave it.</summary>
    public required string ControlReference { get; init; }

    /// <summary>UCI 0083: <c>4</c> rejected, <c>7</c> acknowledged, <c>8</c> received.</summary>
    public required string InterchangeAction { get; init; }

    /// <summary>For each reported message: its UNH 0062 and UCM 0083.</summary>
    public required IReadOnlyList<(string MessageReference, string Action)> Messages { get; init; }
}
