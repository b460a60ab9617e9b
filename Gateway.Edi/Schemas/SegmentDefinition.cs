namespace Gateway.Edi.Schemas;

/// <summary>A segment of the dictionary: its elements in position order and its syntax notes.</summary>
internal sealed record SegmentDefinition(string Tag, string Name, ElementUse[] Elements, SyntaxNote[] SyntaxNotes);
