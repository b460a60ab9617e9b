namespace Gateway.Edi.Validation;

// The 856 HL hierarchy: HL01 counts up from 1, HL02 names an earlier HL01.
internal sealed partial class DocumentValidator
{
    private sealed class HierarchyChecker(DocumentValidator owner)
    {
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
        private int _expected = 1;

        public void Check(Segment hl, int position)
        {
            string id = hl[1];
            string parent = hl[2];
            string? loop = owner._tracker.Current.LoopId;
            if (id != _expected.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                owner.Add(EdiIssueCode.InvalidCodeValue, position, "HL", loop, $"HL01 is '{id}'; the hierarchical ids must count up from 1, so {_expected} was expected",
                    element: 1, reference: "628", value: id);
            }
            if (parent.Length > 0 && !_ids.Contains(parent))
            {
                owner.Add(EdiIssueCode.InvalidCodeValue, position, "HL", loop, $"HL02 names parent '{parent}', which is not an earlier HL01",
                    element: 2, reference: "734", value: parent);
            }
            _ids.Add(id);
            _expected = int.TryParse(id, out int n) ? n + 1 : _expected + 1;
        }
    }
}
