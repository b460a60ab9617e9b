using System.Buffers;
using System.Text;
using Gateway.Edi.Validation;
using Gateway.Edi.X12.Schemas;

namespace Gateway.Edi.X12;

// Element checks: presence, repetitions, composites, type, length, codes and syntax notes.
internal sealed partial class X12TransactionSetValidator
{
    private static readonly SearchValues<byte> Digits = SearchValues.Create("0123456789"u8);

    private void ValidateElements(Segment segment, X12SegmentDefinition definition, int position)
    {
        var context = new ElementContext(segment.Tag, position, _tracker.Current.LoopId);
        int count = segment.ElementCount;
        int defined = definition.Elements.Count;
        if (count > defined)
        {
            AddElement(EdiIssueCode.TooManyElements, context, defined + 1, 0, 0, null, segment[defined + 1],
                $"{segment.Tag} has {count} elements; it defines {defined}");
        }
        Span<bool> present = stackalloc bool[defined];
        for (int i = 1; i <= defined; i++)
        {
            X12ElementUse use = definition.Elements[i - 1];
            ReadOnlySpan<byte> value = i <= count ? segment.GetSpan(i) : default;
            present[i - 1] = !value.IsEmpty;
            if (value.IsEmpty)
            {
                if (use.IsMandatory)
                {
                    AddElement(EdiIssueCode.MandatoryElementMissing, context, i, 0, 0, use.Reference, null,
                        $"{segment.Tag}{i:00} ({use.Name}) is mandatory and empty");
                }
                continue;
            }
            ValidateRepetitions(value, use, context, i, segment.Delimiters);
        }
        CheckSyntaxNotes(definition.SyntaxNotes, present, context, 0, definition.Elements);
    }

    private void ValidateRepetitions(ReadOnlySpan<byte> value, X12ElementUse use, ElementContext context, int position, EdiDelimiters delimiters)
    {
        if (delimiters.Repetition is not byte separator || value.IndexOf(separator) < 0)
        {
            ValidateValue(value, use, context, position, 0, delimiters);
            return;
        }
        var reader = new EdiComponentReader(value, separator);
        while (reader.Read())
        {
            if (reader.Index > use.Repeat)
            {
                AddElement(EdiIssueCode.TooManyRepetitions, context, position, 0, reader.Index, use.Reference, Decode(reader.ValueSpan),
                    use.Repeat == 1 ? $"{context.Tag}{position:00} ({use.Name}) does not repeat, but contains the repetition separator {EdiDelimiters.Describe(separator)}"
                                    : $"{context.Tag}{position:00} ({use.Name}) repeats more than {use.Repeat} times");
                return;
            }
            if (!reader.ValueSpan.IsEmpty)
            {
                ValidateValue(reader.ValueSpan, use, context, position, reader.Index, delimiters);
            }
        }
    }

    private void ValidateValue(ReadOnlySpan<byte> value, X12ElementUse use, ElementContext context, int position, int repetition, EdiDelimiters delimiters)
    {
        if (use.Composite is not X12CompositeDefinition composite)
        {
            if (value.IndexOf(delimiters.Component) >= 0 && use.Element!.Type != "B")
            {
                AddElement(EdiIssueCode.TooManyComponents, context, position, 0, repetition, use.Reference, Decode(value),
                    $"{context.Tag}{position:00} ({use.Name}) is not composite but contains the component separator {EdiDelimiters.Describe(delimiters.Component)}");
                return;
            }
            ValidateSimple(value, use, context, position, 0, repetition);
            return;
        }
        int defined = composite.Components.Count;
        Span<bool> present = stackalloc bool[defined];
        var reader = new EdiComponentReader(value, delimiters.Component);
        while (reader.Read())
        {
            if (reader.Index > defined)
            {
                AddElement(EdiIssueCode.TooManyComponents, context, position, reader.Index, repetition, use.Reference, Decode(reader.ValueSpan),
                    $"{context.Tag}{position:00} ({composite.Name}) has more than its {defined} components");
                break;
            }
            present[reader.Index - 1] = !reader.ValueSpan.IsEmpty;
            if (!reader.ValueSpan.IsEmpty)
            {
                ValidateSimple(reader.ValueSpan, composite.Components[reader.Index - 1], context, position, reader.Index, repetition);
            }
        }
        for (int c = 0; c < defined; c++)
        {
            if (!present[c] && composite.Components[c].IsMandatory)
            {
                X12ElementUse component = composite.Components[c];
                AddElement(EdiIssueCode.MandatoryElementMissing, context, position, c + 1, repetition, component.Reference, null,
                    $"{context.Tag}{position:00}-{c + 1} ({component.Name}) is mandatory and empty");
            }
        }
        CheckSyntaxNotes(composite.SyntaxNotes, present, context, position, composite.Components);
    }

    private void ValidateSimple(ReadOnlySpan<byte> value, X12ElementUse use, ElementContext context, int position, int component, int repetition)
    {
        X12ElementDefinition element = use.Element!;
        string where = component > 0 ? $"{context.Tag}{position:00}-{component}" : $"{context.Tag}{position:00}";
        int length;
        switch (element.Type)
        {
            case "R":
                if (!IsDecimal(value))
                {
                    AddElement(EdiIssueCode.InvalidCharacter, context, position, component, repetition, use.Reference, Decode(value), $"{where} ({element.Name}) must be a decimal number");
                    return;
                }
                length = value.Length - (value[0] == (byte)'-' ? 1 : 0) - (value.IndexOf((byte)'.') >= 0 ? 1 : 0);
                break;
            case "DT":
                if (!X12DateTime.IsDate(value))
                {
                    AddElement(EdiIssueCode.InvalidDate, context, position, component, repetition, use.Reference, Decode(value), $"{where} ({element.Name}) is not a date (CCYYMMDD)");
                    return;
                }
                length = value.Length;
                break;
            case "TM":
                if (!X12DateTime.IsTime(value))
                {
                    AddElement(EdiIssueCode.InvalidTime, context, position, component, repetition, use.Reference, Decode(value), $"{where} ({element.Name}) is not a time (HHMM[SS[d]])");
                    return;
                }
                length = value.Length;
                break;
            case "B":
                return;
            default:
                if (element.ImpliedDecimals >= 0)
                {
                    ReadOnlySpan<byte> digits = value[0] == (byte)'-' ? value[1..] : value;
                    if (digits.IsEmpty || digits.IndexOfAnyExcept(Digits) >= 0)
                    {
                        AddElement(EdiIssueCode.InvalidCharacter, context, position, component, repetition, use.Reference, Decode(value), $"{where} ({element.Name}) must be a whole number");
                        return;
                    }
                    length = digits.Length;
                    break;
                }
                if (value.IndexOfAnyInRange((byte)0, (byte)0x1F) >= 0 || value.IndexOf((byte)0x7F) >= 0)
                {
                    AddElement(EdiIssueCode.InvalidCharacter, context, position, component, repetition, use.Reference, Decode(value), $"{where} ({element.Name}) contains a control character");
                    return;
                }
                length = Utf8Length(value);
                break;
        }
        if (length < element.MinLength)
        {
            AddElement(EdiIssueCode.ElementTooShort, context, position, component, repetition, use.Reference, Decode(value),
                $"{where} ({element.Name}) is {length} characters; at least {element.MinLength} required");
        }
        else if (length > element.MaxLength)
        {
            AddElement(EdiIssueCode.ElementTooLong, context, position, component, repetition, use.Reference, Decode(value),
                $"{where} ({element.Name}) is {length} characters; at most {element.MaxLength} allowed");
        }
        else if (element.Type == "ID" && element.Codes is { } codes && !element.CodesPartial && !ContainsCode(codes, value))
        {
            AddElement(EdiIssueCode.InvalidCodeValue, context, position, component, repetition, use.Reference, Decode(value),
                $"{where} ({element.Name}) '{Decode(value)}' is not one of its codes");
        }
    }

    private void CheckSyntaxNotes(IReadOnlyList<X12SyntaxNote> notes, ReadOnlySpan<bool> present, ElementContext context, int compositePosition, IReadOnlyList<X12ElementUse> uses)
    {
        foreach (X12SyntaxNote note in notes)
        {
            int count = 0;
            foreach (int p in note.Positions)
            {
                count += present[p - 1] ? 1 : 0;
            }
            bool first = present[note.Positions[0] - 1];
            (EdiIssueCode Code, int Position)? violation = note.Kind switch
            {
                'P' when count > 0 && count < note.Positions.Count => (EdiIssueCode.ConditionalElementMissing, FirstAbsent(note.Positions, present, 0)),
                'R' when count == 0 => (EdiIssueCode.ConditionalElementMissing, note.Positions[0]),
                'E' when count > 1 => (EdiIssueCode.ExclusionViolated, SecondPresent(note.Positions, present)),
                'C' when first && count < note.Positions.Count => (EdiIssueCode.ConditionalElementMissing, FirstAbsent(note.Positions, present, 1)),
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

    private static int FirstAbsent(IReadOnlyList<int> positions, ReadOnlySpan<bool> present, int skip)
    {
        foreach (int p in positions.Skip(skip))
        {
            if (!present[p - 1])
            {
                return p;
            }
        }
        return positions[0];
    }

    private static int SecondPresent(IReadOnlyList<int> positions, ReadOnlySpan<bool> present)
    {
        bool seen = false;
        foreach (int p in positions)
        {
            if (present[p - 1])
            {
                if (seen)
                {
                    return p;
                }
                seen = true;
            }
        }
        return positions[^1];
    }

    private static bool IsDecimal(ReadOnlySpan<byte> value)
    {
        ReadOnlySpan<byte> v = value[0] == (byte)'-' ? value[1..] : value;
        int dot = v.IndexOf((byte)'.');
        ReadOnlySpan<byte> whole = dot < 0 ? v : v[..dot];
        ReadOnlySpan<byte> fraction = dot < 0 ? default : v[(dot + 1)..];
        return (whole.Length + fraction.Length) > 0 && whole.IndexOfAnyExcept(Digits) < 0 && fraction.IndexOfAnyExcept(Digits) < 0;
    }

    private static int Utf8Length(ReadOnlySpan<byte> value)
    {
        int continuation = 0;
        foreach (byte b in value)
        {
            continuation += (b & 0xC0) == 0x80 ? 1 : 0;
        }
        return value.Length - continuation;
    }

    private static bool ContainsCode(System.Collections.Frozen.FrozenDictionary<string, string> codes, ReadOnlySpan<byte> value)
    {
        if (value.Length > 64)
        {
            return false;
        }
        Span<char> chars = stackalloc char[value.Length];
        Encoding.Latin1.GetChars(value, chars);
        return codes.GetAlternateLookup<ReadOnlySpan<char>>().ContainsKey(chars);
    }

    private static string Decode(ReadOnlySpan<byte> value) => Edi.Segment.Decode(value);

    private void AddElement(EdiIssueCode code, ElementContext context, int element, int component, int repetition, string? reference, string? value, string message) =>
        Add(code, context.Position, context.Tag, context.Loop, message, element, component, repetition, reference, value);

    private readonly record struct ElementContext(string Tag, int Position, string? Loop);
}
