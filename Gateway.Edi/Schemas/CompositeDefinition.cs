namespace Gateway.Edi.Schemas;

/// <summary>A composite data structure such as C001: components and their syntax notes.</summary>
internal sealed record CompositeDefinition(string Reference, string Name, ElementUse[] Components, SyntaxNote[] SyntaxNotes)
{
    /// <summary>The mandatory components as bits (bit p for position p), to find the missing ones with one operation.</summary>
    public ulong MandatoryMask { get; } = Components.Select((c, i) => c.IsMandatory ? 1UL << (i + 1) : 0).Aggregate(0UL, (m, b) => m | b);
}
