using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Gateway.Partners.Profiles.Envelopes;

/// <summary>Delimiters, ISA options and control-number ranges for X12 interchanges we send.</summary>
public sealed class X12EnvelopeSettings
{
    [StringLength(1, MinimumLength = 1)]
    [Description("Element separator (ISA 4th byte). Default *.")]
    public string ElementSeparator { get; init; } = "*";

    [StringLength(1, MinimumLength = 1)]
    [Description("Component element separator (ISA16). Default >.")]
    public string ComponentSeparator { get; init; } = ">";

    [StringLength(1, MinimumLength = 1)]
    [Description("Repetition separator (ISA11, 00402 and later). Default ^.")]
    public string RepetitionSeparator { get; init; } = "^";

    [StringLength(1, MinimumLength = 1)]
    [Description("Segment terminator. Default ~.")]
    public string SegmentTerminator { get; init; } = "~";

    [Description("Write a line break after every segment terminator. Default false.")]
    public bool LineBreakAfterSegment { get; init; }

    [RegularExpression("^[0-9]{2}$", ErrorMessage = "write a two-digit ISA01 code, such as 00")]
    [Description("ISA01 authorization information qualifier. Default 00.")]
    public string AuthorizationQualifier { get; init; } = "00";

    [StringLength(10)]
    [Description("ISA02 authorization information. Default blank.")]
    public string Authorization { get; init; } = "";

    [RegularExpression("^[0-9]{2}$", ErrorMessage = "write a two-digit ISA03 code, such as 00 or 01")]
    [Description("ISA03 security information qualifier. Default 00.")]
    public string SecurityQualifier { get; init; } = "00";

    [Description("ISA04 security information (a password) as env:NAME or file:PATH.")]
    public SecretReference? Security { get; init; }

    [Description("Ask for a TA1 (ISA14 = 1). Default false.")]
    public bool AcknowledgmentRequested { get; init; }

    [Description("Control-number ranges for ISA13, GS06 and ST02.")]
    public ControlNumberRanges ControlNumbers { get; init; } = new();
}
