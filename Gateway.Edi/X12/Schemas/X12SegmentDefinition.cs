namespace Gateway.Edi.X12.Schemas;

/// <summary>A segment of the dictionary: its elements in position order and its syntax notes.</summary>
internal sealed record X12SegmentDefinition(string Tag, string Name, X12ElementUse[] Elements, X12SyntaxNote[] SyntaxNotes);
