using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Gateway.Partners.Profiles.Envelopes;

/// <summary>Syntax, delimiters and control-number ranges for EDIFACT interchanges we send.</summary>
public sealed class EdifactEnvelopeSettings
{
    [RegularExpression("^UNO[A-KWY]$", ErrorMessage = "write a syntax identifier from UNOA to UNOK, UNOW or UNOY")]
    [Description("Syntax identifier (0001): UNOA…UNOK, UNOW, UNOY. Default UNOC.")]
    public string SyntaxIdentifier { get; init; } = "UNOC";

    [Range(1, 4)]
    [Description("Syntax version (0002). Default 3.")]
    public int SyntaxVersion { get; init; } = 3;

    [Description("Write the UNA service string advice. Default true.")]
    public bool WriteUna { get; init; } = true;

    [StringLength(1, MinimumLength = 1)]
    public string ComponentSeparator { get; init; } = ":";

    [StringLength(1, MinimumLength = 1)]
    public string ElementSeparator { get; init; } = "+";

    [StringLength(1, MinimumLength = 1)]
    public string ReleaseCharacter { get; init; } = "?";

    [StringLength(1, MinimumLength = 1)]
    [Description("Repetition separator (syntax 4). Default *.")]
    public string RepetitionSeparator { get; init; } = "*";

    [StringLength(1, MinimumLength = 1)]
    public string SegmentTerminator { get; init; } = "'";

    [Description("Write a line break after every segment terminator. Default false.")]
    public bool LineBreakAfterSegment { get; init; }

    [Description("Ask for a CONTRL (UNB09 = 1). Default false.")]
    public bool AcknowledgmentRequested { get; init; }

    [Description("Control-number ranges for UNB 0020, UNG 0048 and UNH 0062.")]
    public ControlNumberRanges ControlNumbers { get; init; } = new();
}
