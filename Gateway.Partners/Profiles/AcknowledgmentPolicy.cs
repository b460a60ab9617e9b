using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Gateway.Partners.Profiles;

/// <summary>Which acknowledgments an agreement sends or expects.</summary>
public sealed class AcknowledgmentPolicy
{
    [Description("X12 only: 997 (default), 999 or none.")]
    public FunctionalAcknowledgment? Functional { get; init; }

    [Description("X12 only: onRequest (default: when ISA14 is 1, and for rejected interchanges), always or never.")]
    public Ta1Policy? Ta1 { get; init; }

    [Description("EDIFACT only: onRequest (default: when UNB09 is 1, and to report errors), always, errorsOnly or never.")]
    public ContrlPolicy? Contrl { get; init; }

    [Range(1, 720)]
    [Description("Outbound only: hours within which the partner's 997/999/CONTRL must arrive before the document is Overdue.")]
    public int? ExpectedWithinHours { get; init; }
}
