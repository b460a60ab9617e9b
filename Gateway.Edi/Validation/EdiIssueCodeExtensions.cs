namespace Gateway.Edi.Validation;

/// <summary>Facts about <see cref="EdiIssueCode"/> values.</summary>
public static class EdiIssueCodeExtensions
{
    /// <summary>The envelope level that reports <paramref name="code"/>.</summary>
    public static EdiIssueLevel Level(this EdiIssueCode code) => code switch
    {
        <= EdiIssueCode.LayoutTolerated => EdiIssueLevel.File,
        <= EdiIssueCode.InvalidComponentSeparator => EdiIssueLevel.Interchange,
        <= EdiIssueCode.InvalidGroupDateTime => EdiIssueLevel.Group,
        <= EdiIssueCode.DuplicateTransactionSetControlNumber => EdiIssueLevel.Document,
        <= EdiIssueCode.SegmentOutOfOrder => EdiIssueLevel.Segment,
        _ => EdiIssueLevel.Element,
    };
}
