using System.Numerics;
using System.Runtime.Intrinsics;
using Gateway.Edi.Schemas;

namespace Gateway.Edi.Validation;

// Element checks: presence, repetitions, composites, type, length, codes and syntax notes.
internal sealed partial class DocumentValidator
{
    private void ValidateElements(Segment segment, SegmentDefinition definition, int position)
    {
        var context = new ElementContext(definition.Tag, position, _tracker.Current.LoopId, segment.Delimiters);
        ReadOnlySpan<byte> data = segment.RawData;
        ReadOnlySpan<ElementBounds> bounds = segment.RawBounds;
        int count = bounds.Length - 1;
        ElementUse[] uses = definition.Elements;
        if (count > uses.Length)
        {
            AddElement(EdiIssueCode.TooManyElements, context, uses.Length + 1, 0, 0, null, segment[uses.Length + 1],
                $"{definition.Tag} has {count} elements; it defines {uses.Length}");
        }
        // One vectorised look at the whole segment: most segments hold no repetition, control byte or non-ASCII
        // inside values. Component separators are allowed here (EDIFACT has composites everywhere); a simple
        // element that holds one is caught below.
        ElementBounds last = bounds[^1];
        bool clean = segment.IsClean ?? !data[bounds[0].Start..(last.Start + last.Length)].ContainsAny(context.Delimiters.ValueAnomalies);
        // Where the component separators of a short clean segment stand, one bit per byte, found in one vectorised look:
        // composites are cut and simple elements checked from these bits instead of their bytes.
        int textStart = bounds[0].Start, textLength = last.Start + last.Length - textStart;
        bool marked = clean && textLength <= 64 && textStart + 64 <= data.Length && Vector256.IsHardwareAccelerated;
        ulong marks = marked ? ComponentMarks(data.Slice(textStart, 64), context.Delimiters.Component, textLength) : 0;
        ulong present = 0;
        for (int i = 1; i <= uses.Length; i++)
        {
            ElementUse use = uses[i - 1];
            ReadOnlySpan<byte> value = i <= count ? data.Slice(bounds[i].Start, bounds[i].Length) : default;
            if (!value.IsEmpty)
            {
                present |= 1UL << i;
                // An element with release characters (EDIFACT "?:") takes the careful path.
                bool escaped = bounds[i].Escaped;
                ulong valueMarks = marked ? Bits(marks, bounds[i].Start - textStart, value.Length) : 0;
                if (clean && !escaped && use.Composite is not null && (marked || value.Length <= 64))
                {
                    ValidateComposite(value, use, context, i, 0, clean: true, marked ? valueMarks : MarksOf(value, context.Delimiters.Component));
                }
                else if (clean && !escaped && use.Element is not null && (marked ? valueMarks == 0 : !value.Contains(context.Delimiters.Component)))
                {
                    ValidateClean(value, use, context, i, 0, 0);
                }
                else
                {
                    ValidateElement(value, use, context, i);
                }
            }
            else if (use.IsMandatory)
            {
                AddElement(EdiIssueCode.MandatoryElementMissing, context, i, 0, 0, use.Reference, null,
                    $"{definition.Tag}{i:00} ({use.Name}) is mandatory and empty");
            }
        }
        if (definition.SyntaxNotes.Length > 0)
        {
            CheckSyntaxNotes(definition.SyntaxNotes, present, context, 0, uses);
        }
    }

    private void ValidateElement(ReadOnlySpan<byte> value, ElementUse use, in ElementContext context, int position)
    {
        ValueScan scan = ValueScan.Of(value, context.Delimiters, raw: true);
        if (scan.HasRepetition)
        {
            ValidateRepetitions(value, use, context, position);
        }
        else if (use.Composite is not null)
        {
            ValidateComposite(value, use, context, position, 0);
        }
        else if (scan.HasComponent && use.Element!.Kind != ElementType.Binary)
        {
            AddElement(EdiIssueCode.TooManyComponents, context, position, 0, 0, use.Reference, Decode(value),
                $"{context.Tag}{position:00} ({use.Name}) is not composite but contains the component separator {EdiDelimiters.Describe(context.Delimiters.Component)}");
        }
        else
        {
            ReadOnlySpan<byte> plain = EdiRelease.Unescape(value, context.Delimiters.Release);
            ValidateSimple(plain, ValueScan.Of(plain, context.Delimiters, raw: false), use, context, position, 0, 0);
        }
    }

    private void ValidateRepetitions(ReadOnlySpan<byte> value, ElementUse use, in ElementContext context, int position)
    {
        byte separator = context.Delimiters.Repetition!.Value;
        var reader = new EdiComponentReader(value, separator, context.Delimiters.Release);
        while (reader.Read())
        {
            if (reader.Index > use.Repeat)
            {
                AddElement(EdiIssueCode.TooManyRepetitions, context, position, 0, reader.Index, use.Reference, Decode(reader.ValueSpan),
                    use.Repeat == 1 ? $"{context.Tag}{position:00} ({use.Name}) does not repeat, but contains the repetition separator {EdiDelimiters.Describe(separator)}"
                                    : $"{context.Tag}{position:00} ({use.Name}) repeats more than {use.Repeat} times");
                return;
            }
            if (reader.ValueSpan.IsEmpty)
            {
                continue;
            }
            if (use.Composite is not null)
            {
                ValidateComposite(reader.ValueSpan, use, context, position, reader.Index);
            }
            else
            {
                ReadOnlySpan<byte> plain = EdiRelease.Unescape(reader.ValueSpan, context.Delimiters.Release);
                ValidateSimple(plain, ValueScan.Of(plain, context.Delimiters, raw: false), use, context, position, 0, reader.Index);
            }
        }
    }

    // A clean composite comes with the positions of its component separators (bit k: byte k), <paramref name="marks"/>.
    private void ValidateComposite(ReadOnlySpan<byte> value, ElementUse use, in ElementContext context, int position, int repetition, bool clean = false, ulong marks = 0)
    {
        CompositeDefinition composite = use.Composite!;
        int defined = composite.Components.Length;
        ulong present = clean ? ValidateCleanComponents(value, use, context, position, repetition, marks) : 0;
        var reader = new EdiComponentReader(clean ? default : value, context.Delimiters.Component, context.Delimiters.Release);
        while (!clean && reader.Read())
        {
            if (reader.Index > defined)
            {
                AddElement(EdiIssueCode.TooManyComponents, context, position, reader.Index, repetition, use.Reference, Decode(reader.ValueSpan),
                    $"{context.Tag}{position:00} ({composite.Name}) has more than its {defined} components");
                break;
            }
            present |= reader.ValueSpan.IsEmpty ? 0 : 1UL << reader.Index;
            if (!reader.ValueSpan.IsEmpty)
            {
                ReadOnlySpan<byte> plain = EdiRelease.Unescape(reader.ValueSpan, context.Delimiters.Release);
                ValidateSimple(plain, ValueScan.Of(plain, context.Delimiters, raw: false), composite.Components[reader.Index - 1], context, position, reader.Index, repetition);
            }
        }
        for (ulong missing = composite.MandatoryMask & ~present; missing != 0; missing &= missing - 1)
        {
            int c = BitOperations.TrailingZeroCount(missing) - 1;
            ElementUse component = composite.Components[c];
            AddElement(EdiIssueCode.MandatoryElementMissing, context, position, c + 1, repetition, component.Reference, null,
                $"{context.Tag}{position:00}-{c + 1} ({component.Name}) is mandatory and empty");
        }
        if (composite.SyntaxNotes.Length > 0)
        {
            CheckSyntaxNotes(composite.SyntaxNotes, present, context, position, composite.Components);
        }
    }
    private void ValidateSimple(ReadOnlySpan<byte> value, ValueScan scan, ElementUse use, in ElementContext context, int position, int component, int repetition)
    {
        ElementDefinition element = use.Element!;
        int length;
        switch (element.Kind)
        {
            case ElementType.Decimal:
                length = DecimalDigits(value, _document.CommaDecimalMark);
                if (length < 0)
                {
                    AddElement(EdiIssueCode.InvalidCharacter, context, position, component, repetition, use.Reference, Decode(value), $"{Where(context, position, component)} ({element.Name}) must be a decimal number");
                    return;
                }
                break;
            case ElementType.Date:
                if (!X12DateTime.IsDate(value))
                {
                    AddElement(EdiIssueCode.InvalidDate, context, position, component, repetition, use.Reference, Decode(value), $"{Where(context, position, component)} ({element.Name}) is not a date (CCYYMMDD)");
                    return;
                }
                length = value.Length;
                break;
            case ElementType.Time:
                if (!X12DateTime.IsTime(value))
                {
                    AddElement(EdiIssueCode.InvalidTime, context, position, component, repetition, use.Reference, Decode(value), $"{Where(context, position, component)} ({element.Name}) is not a time (HHMM[SS[d]])");
                    return;
                }
                length = value.Length;
                break;
            case ElementType.Binary:
                return;
            case ElementType.Numeric:
                length = WholeDigits(value);
                if (length < 0)
                {
                    AddElement(EdiIssueCode.InvalidCharacter, context, position, component, repetition, use.Reference, Decode(value), $"{Where(context, position, component)} ({element.Name}) must be a whole number");
                    return;
                }
                break;
            case ElementType.Alphabetic when value.ContainsAnyInRange((byte)'0', (byte)'9'):
                AddElement(EdiIssueCode.InvalidCharacter, context, position, component, repetition, use.Reference, Decode(value), $"{Where(context, position, component)} ({element.Name}) is alphabetic and may not hold digits");
                return;
            default:
                if (_document.Repertoire is { } repertoire && value.ContainsAnyExcept(repertoire))
                {
                    AddElement(EdiIssueCode.CharacterNotInRepertoire, context, position, component, repetition, use.Reference, Decode(value), $"{Where(context, position, component)} ({element.Name}) holds characters outside the interchange's character set");
                    return;
                }
                if (scan.HasControl)
                {
                    AddElement(EdiIssueCode.InvalidCharacter, context, position, component, repetition, use.Reference, Decode(value), $"{Where(context, position, component)} ({element.Name}) contains a control character");
                    return;
                }
                length = scan.Length;
                break;
        }
        if (length < element.MinLength)
        {
            AddElement(EdiIssueCode.ElementTooShort, context, position, component, repetition, use.Reference, Decode(value),
                $"{Where(context, position, component)} ({element.Name}) is {length} characters; at least {element.MinLength} required");
        }
        else if (length > element.MaxLength)
        {
            AddElement(EdiIssueCode.ElementTooLong, context, position, component, repetition, use.Reference, Decode(value),
                $"{Where(context, position, component)} ({element.Name}) is {length} characters; at most {element.MaxLength} allowed");
        }
        else if (element.Codes is not null && !element.CodesPartial && !ContainsCode(element, value))
        {
            AddElement(EdiIssueCode.InvalidCodeValue, context, position, component, repetition, use.Reference, Decode(value),
                $"{Where(context, position, component)} ({element.Name}) '{Decode(value)}' is not one of its codes");
        }
    }

    /// <summary>What one pass over a value finds: separators inside it, control characters, and its length in characters.</summary>
    private readonly record struct ValueScan(bool HasComponent, bool HasRepetition, bool HasControl, int Length)
    {
        // Values are a few bytes long: one scalar pass beats several vectorised searches. A raw value may hold
        // release characters: the byte after one is data, never a separator.
        public static ValueScan Of(ReadOnlySpan<byte> value, EdiDelimiters delimiters, bool raw)
        {
            byte component = delimiters.Component;
            int repetition = delimiters.Repetition ?? -1;
            int release = raw ? delimiters.Release ?? -1 : -1;
            bool hasComponent = false, hasRepetition = false, hasControl = false;
            int continuation = 0;
            for (int i = 0; i < value.Length; i++)
            {
                byte b = value[i];
                if (b == release && i + 1 < value.Length)
                {
                    i++;
                    continue;
                }
                if (b < 0x20 || b == 0x7F)
                {
                    hasControl |= b != component && b != repetition;
                }
                else if (b >= 0x80)
                {
                    continuation += (b & 0xC0) == 0x80 ? 1 : 0;
                }
                hasComponent |= b == component;
                hasRepetition |= b == repetition;
            }
            return new ValueScan(hasComponent, hasRepetition, hasControl, value.Length - continuation);
        }
    }

    // X12 R takes a point; EDIFACT n takes the UNA decimal mark, and syntax 4 allows either point or comma.
    // The number of digits (sign and mark do not count), or -1 when the value is no decimal number. Values are a few
    // bytes long: one scalar pass beats several vectorised searches.
    private static int DecimalDigits(ReadOnlySpan<byte> value, bool commaAllowed)
    {
        int digits = 0;
        bool mark = false;
        for (int i = value[0] == (byte)'-' ? 1 : 0; i < value.Length; i++)
        {
            byte b = value[i];
            if ((uint)(b - '0') <= 9)
            {
                digits++;
            }
            else if (!mark && (b == (byte)'.' || (commaAllowed && b == (byte)',')))
            {
                mark = true;
            }
            else
            {
                return -1;
            }
        }
        return digits > 0 ? digits : -1;
    }

    // The number of digits of a whole number with an optional sign, or -1 when the value is none.
    private static int WholeDigits(ReadOnlySpan<byte> value)
    {
        int start = value[0] == (byte)'-' ? 1 : 0;
        for (int i = start; i < value.Length; i++)
        {
            if ((uint)(value[i] - '0') > 9)
            {
                return -1;
            }
        }
        return value.Length > start ? value.Length - start : -1;
    }

    private static bool ContainsCode(ElementDefinition element, ReadOnlySpan<byte> value) => element.HasCode(value);

    // Bit k set where byte k of a 64-byte window is the component separator, for the first length bytes.
    private static ulong ComponentMarks(ReadOnlySpan<byte> window, byte separator, int length)
    {
        Vector256<byte> separators = Vector256.Create(separator);
        ulong low = Vector256.Equals(Vector256.Create(window[..32]), separators).ExtractMostSignificantBits();
        ulong high = Vector256.Equals(Vector256.Create(window[32..64]), separators).ExtractMostSignificantBits();
        return Bits(low | (high << 32), 0, length);
    }

    // The same bits for a value of up to 64 bytes, one byte at a time.
    private static ulong MarksOf(ReadOnlySpan<byte> value, byte separator)
    {
        ulong marks = 0;
        for (int i = 0; i < value.Length; i++)
        {
            marks |= value[i] == separator ? 1UL << i : 0;
        }
        return marks;
    }

    // length bits of marks from bit offset on.
    private static ulong Bits(ulong marks, int offset, int length) =>
        (marks >> offset) & (length >= 64 ? ulong.MaxValue : (1UL << length) - 1);

    private static string Decode(ReadOnlySpan<byte> value) => Edi.Segment.Decode(value);
    private static string Where(in ElementContext context, int position, int component) =>
        component > 0 ? $"{context.Tag}{position:00}-{component}" : $"{context.Tag}{position:00}";

    private void AddElement(EdiIssueCode code, in ElementContext context, int element, int component, int repetition, string? reference, string? value, string message) =>
        Add(code, context.Position, context.Tag, context.Loop, message, element, component, repetition, reference, value);

    private readonly record struct ElementContext(string Tag, int Position, string? Loop, EdiDelimiters Delimiters);
}
