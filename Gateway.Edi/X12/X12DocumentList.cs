using Gateway.Edi.Validation;

namespace Gateway.Edi.X12;

/// <summary>The documents of a group, kept compactly until the acknowledgment is built.</summary>
/// <remarks>A group may hold a hundred thousand sets; each is one struct here (its all-digit control number
/// packed into a number) and becomes an <see cref="X12DocumentResult"/> again only when read.</remarks>
internal sealed class X12DocumentList : IReadOnlyList<X12DocumentResult>
{
    private readonly List<Entry> _entries = [];

    public int Count => _entries.Count;

    public X12DocumentResult this[int index]
    {
        get
        {
            Entry e = _entries[index];
            return new X12DocumentResult(e.Type, X12ControlNumberKey.Text(e.ControlNumber, e.ControlNumberText), e.ImplementationReference, e.SegmentCount, e.BytePosition, e.Issues);
        }
    }

    public void Add(X12DocumentResult document)
    {
        long key = X12ControlNumberKey.Of(document.ControlNumber);
        _entries.Add(new Entry(document.Type, key, key < 0 ? document.ControlNumber : null, document.ImplementationReference,
            document.SegmentCount, document.BytePosition, document.Issues.Count == 0 ? null : [.. document.Issues]));
    }

    public IEnumerator<X12DocumentResult> GetEnumerator()
    {
        for (int i = 0; i < _entries.Count; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private readonly record struct Entry(string Type, long ControlNumber, string? ControlNumberText, string ImplementationReference,
        int SegmentCount, long BytePosition, List<EdiIssue>? Issues);
}
