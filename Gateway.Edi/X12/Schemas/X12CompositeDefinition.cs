namespace Gateway.Edi.X12.Schemas;

/// <summary>A composite data structure such as C001: components and their syntax notes.</summary>
internal sealed record X12CompositeDefinition(string Reference, string Name, X12ElementUse[] Components, X12SyntaxNote[] SyntaxNotes);
