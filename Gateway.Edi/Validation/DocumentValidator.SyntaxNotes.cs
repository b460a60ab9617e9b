using Gateway.Edi.Schemas;

namespace Gateway.Edi.Validation;

// Syntax notes (P, R, E, C, L) checked as bit masks over which positions are present.
internal sealed partial class DocumentValidator
{
    private void CheckSyntaxNotes(SyntaxNote[] notes, ulong present, ElementContext context, int compositePosition, ElementUse[] uses)
    {
        foreach (SyntaxNote note in notes)
        {
            ulong set = present & note.Mask;
            bool first = (present & note.FirstBit) != 0;
            int count = System.Numerics.BitOperations.PopCount(set);
            (EdiIssueCode Code, int Position)? violation = note.Kind switch
            {
                'P' when count > 0 && set != note.Mask => (EdiIssueCode.ConditionalElementMissing, FirstAbsent(note.Mask & ~set)),
                'R' when count == 0 => (EdiIssueCode.ConditionalElementMissing, note.Positions[0]),
                'E' when count > 1 => (EdiIssueCode.ExclusionViolated, SecondPresent(set)),
                'C' when first && set != note.Mask => (EdiIssueCode.ConditionalElementMissing, FirstAbsent(note.Mask & ~set)),
                'L' when first && count == 1 => (EdiIssueCode.ConditionalElementMissing, note.Positions[1]),
                _ => null,
            };
            if (violation is { } v)
            {
                int element = compositePosition > 0 ? compositePosition : v.Position;
                int component = compositePosition > 0 ? v.Position : 0;
                string name = uses[v.Position - 1].Name;
                AddElement(v.Code, context, element, component, 0, uses[v.Position - 1].Reference, null,
                    $"Syntax note {note} of {context.Tag}{(compositePosition > 0 ? $"{compositePosition:00}" : "")} is broken at position {v.Position:00} ({name})");
            }
        }
    }

    private static int FirstAbsent(ulong absent) => System.Numerics.BitOperations.TrailingZeroCount(absent);

    private static int SecondPresent(ulong set) => System.Numerics.BitOperations.TrailingZeroCount(set & (set - 1));
}
