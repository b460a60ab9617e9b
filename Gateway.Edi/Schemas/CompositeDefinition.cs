namespace Gateway.Edi.Schemas;

/// <summary>A composite data structure such as C001: components and their syntax notes.</summary>
internal sealed record CompositeDefinition(string Reference, string Name, ElementUse[] Components, SyntaxNote[] SyntaxNotes);
