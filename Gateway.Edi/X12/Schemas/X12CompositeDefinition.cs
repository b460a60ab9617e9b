namespace Gateway.Edi.X12.Schemas;

/// <summary>A composite data structure such as C001: components and their syntax notes.</summary>
internal sealed record X12CompositeDefinition(string Reference, string Name, IReadOnlyList<X12ElementUse> Components, IReadOnlyList<X12SyntaxNote> SyntaxNotes);
