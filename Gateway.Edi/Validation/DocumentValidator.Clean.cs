using Gateway.Edi.Schemas;

namespace Gateway.Edi.Validation;

// The fast path for the common case: a segment whose values hold no release, repetition, control or non-ASCII
// byte. Its elements and components are cut in tight loops and checked inline; anything unusual takes the full check.
internal sealed partial class DocumentValidator
{

    // A clean composite (no release, control or non-ASCII bytes): components cut in one tight loop, each checked inline.
    private ulong ValidateCleanComponents(ReadOnlySpan<byte> value, ElementUse use, in ElementContext context, int position, int repetition)
    {
        ElementUse[] components = use.Composite!.Components;
        byte separator = context.Delimiters.Component;
        ulong present = 0;
        int index = 0, start = 0;
        for (int i = 0; i <= value.Length; i++)
        {
            if (i < value.Length && value[i] != separator)
            {
                continue;
            }
            index++;
            ReadOnlySpan<byte> part = value[start..i];
            start = i + 1;
            if (index > components.Length)
            {
                AddElement(EdiIssueCode.TooManyComponents, context, position, index, repetition, use.Reference, Decode(part),
                    $"{context.Tag}{position:00} ({use.Composite.Name}) has more than its {components.Length} components");
                break;
            }
            if (!part.IsEmpty)
            {
                present |= 1UL << index;
                ValidateClean(part, components[index - 1], context, position, index, repetition);
            }
        }
        return present;
    }

    // The common case, inline: a clean string or code within its lengths; anything else takes the full check.
    private void ValidateClean(ReadOnlySpan<byte> value, ElementUse use, in ElementContext context, int position, int component, int repetition)
    {
        ElementDefinition element = use.Element!;
        bool text = element.Kind is ElementType.AlphaNumeric or ElementType.Identifier && _document.Repertoire is null;
        if (!text || value.Length < element.MinLength || value.Length > element.MaxLength || (element.Codes is not null && !element.CodesPartial && !ContainsCode(element, value)))
        {
            ValidateSimple(value, new ValueScan(false, false, false, value.Length), use, in context, position, component, repetition);
        }
    }
}
