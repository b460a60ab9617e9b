using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Gateway.Partners.Profiles.Transports;

namespace Gateway.Partners.Profiles;

/// <summary>What we agreed with a partner for one document type in one direction.</summary>
public sealed class Agreement
{
    [Required]
    public EdiStandard Standard { get; init; }

    [Required]
    [RegularExpression("^([0-9]{6}|D[0-9]{2}[A-Z])$", ErrorMessage = "write an X12 version such as 004010 or 005010, or an EDIFACT directory such as D96A or D01B")]
    [Description("X12 version (004010, 005010) or EDIFACT directory (D96A, D01B).")]
    public string Version { get; init; } = "";

    [Required]
    [RegularExpression("^([0-9]{3}|[A-Z]{6})$", ErrorMessage = "write an X12 transaction set such as 850, or an EDIFACT message type such as ORDERS")]
    [Description("X12 transaction set (850, 856, 810, 940, 945) or EDIFACT message type (ORDERS, DESADV, INVOIC).")]
    public string Document { get; init; } = "";

    [Required]
    public DocumentDirection Direction { get; init; }

    [Description("production (default) or test. Test documents are never delivered to production endpoints.")]
    public DocumentUsage Usage { get; init; } = DocumentUsage.Production;

    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]*$", ErrorMessage = "name a file in maps/ without its extension, such as x12-850-to-erp")]
    [Description("The map in maps/ (file name without extension) that turns these documents into back-end calls, or back-end events into them. Default: the map marked default: true for the document type.")]
    public string? Map { get; init; }

    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]*$", ErrorMessage = "name an endpoint from Gateway:Endpoints in appsettings.json, such as erp")]
    [Description("Only for documents without a map: the back-end endpoint (from Gateway:Endpoints in appsettings.json) that receives the document's JSON form as is. Maps name their own endpoints.")]
    public string? Endpoint { get; init; }

    [Description("strict (default): any error rejects the document; lenient: tolerable defects are warnings.")]
    public ValidationStrictness Validation { get; init; } = ValidationStrictness.Strict;

    [Description("Which acknowledgments we send (inbound) or expect (outbound).")]
    public AcknowledgmentPolicy Acknowledgments { get; init; } = new();

    [Range(0, 3650)]
    [Description("Days within which a repeated interchange control number from this partner is a duplicate (0 turns the check off). Default 30.")]
    public int DuplicateWindowDays { get; init; } = 30;

    [Description("What to do with a second document carrying the same business reference: hold (default), reject or accept.")]
    public BusinessDuplicatePolicy BusinessDuplicates { get; init; } = BusinessDuplicatePolicy.Hold;

    [Description("The transport we send these documents (outbound) or their acknowledgments (inbound) over. Inbound default: the one the document arrived on.")]
    public TransportKind? Transport { get; init; }

    /// <summary>How support staff write this agreement: <c>X12 004010 850 inbound</c>.</summary>
    public override string ToString() =>
        $"{(Standard == EdiStandard.X12 ? "X12" : "EDIFACT")} {Version} {Document} {(Direction == DocumentDirection.Inbound ? "inbound" : "outbound")}";
}
