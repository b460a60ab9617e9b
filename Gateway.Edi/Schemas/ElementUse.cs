namespace Gateway.Edi.Schemas;

/// <summary>An element or composite at one position of a segment or composite.</summary>
internal sealed record ElementUse(string Reference, char Requirement, int Repeat)
{
    /// <summary>The simple element, when this position holds one.</summary>
    public ElementDefinition? Element { get; init; }

    /// <summary>The composite, when this position holds one.</summary>
    public CompositeDefinition? Composite { get; init; }

    /// <summary>Whether the position is mandatory.</summary>
    public bool IsMandatory => Requirement == 'M';

    /// <summary>The name shown to people.</summary>
    public string Name => Element?.Name ?? Composite?.Name ?? Reference;
}
