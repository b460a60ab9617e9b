namespace Gateway.Edi.X12.Schemas;

/// <summary>An X12 syntax note such as <c>P0102</c> (paired) or <c>C0405</c> (conditional).</summary>
/// <remarks>P: all or none. R: at least one. E: at most one. C: if the first, then all the others.
/// L: if the first, then at least one of the others.</remarks>
internal sealed record X12SyntaxNote(char Kind, int[] Positions)
{
    public static X12SyntaxNote Parse(string note)
    {
        if (note.Length < 5 || note.Length % 2 == 0 || "PREC L".IndexOf(note[0], StringComparison.Ordinal) < 0 || note[0] == ' ')
        {
            throw new FormatException($"Syntax note '{note}' is not a letter P, R, E, C or L followed by two-digit positions.");
        }
        var positions = new List<int>();
        for (int i = 1; i < note.Length; i += 2)
        {
            positions.Add(int.Parse(note.AsSpan(i, 2), System.Globalization.CultureInfo.InvariantCulture));
        }
        return new X12SyntaxNote(note[0], [.. positions]);
    }

    public override string ToString() => Kind + string.Concat(Positions.Select(p => p.ToString("00", System.Globalization.CultureInfo.InvariantCulture)));
}
