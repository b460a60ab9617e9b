using System.Numerics;
using Gateway.Edi.Schemas;

namespace Gateway.Edi.Validation;

// The fast path for the common case: a segment whose values hold no release, repetition, control or non-ASCII
// byte. Its elements and components are cut in tight loops and checked inline; anything unusual takes the full check.
internal sealed partial class DocumentValidator
{
    // A clean composite (no release, control or non-ASCII bytes): components cut at the separators that marks
    // (bit k: byte k) shows, each checked inline.
    private ulong ValidateCleanComponents(ReadOnlySpan<byte> value, ElementUse use, in ElementContext context, int position, int repetition, ulong marks)
    {
        ElementUse[] components = use.Composite!.Components;
        ulong present = 0;
        int index = 0, start = 0;
        while (true)
        {
            int end = marks == 0 ? value.Length : BitOperations.TrailingZeroCount(marks);
            index++;
            ReadOnlySpan<byte> part = value[start..end];
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
            if (marks == 0)
            {
                break;
            }
            marks &= marks - 1;
            start = end + 1;
        }
        return present;
    }

    // The common case, inline: a clean value of the right form within its lengths (and codes); anything else takes the
    // full check, which says what is wrong.
    private void ValidateClean(ReadOnlySpan<byte> value, ElementUse use, in ElementContext context, int position, int component, int repetition)
    {
        ElementDefinition element = use.Element!;
        int length = element.Kind switch
        {
            ElementType.AlphaNumeric or ElementType.Identifier when _document.Repertoire is null => value.Length,
            ElementType.Decimal => DecimalDigits(value, _document.CommaDecimalMark),
            ElementType.Numeric => WholeDigits(value),
            _ => -1,
        };
        if (length < element.MinLength || length > element.MaxLength || (element.Codes is not null && !element.CodesPartial && !ContainsCode(element, value)))
        {
            ValidateSimple(value, new ValueScan(false, false, false, value.Length), use, in context, position, component, repetition);
        }
    }
}
