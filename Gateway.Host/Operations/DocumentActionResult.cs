namespace Gateway.Host.Operations;

/// <summary>What a support action did, in one sentence a person reads at 3 am, and the record's status after it.</summary>
internal sealed record DocumentActionResult(DocumentActionOutcome Outcome, string Message, string? Status = null)
{
    /// <summary>Whether the action was allowed in the record's state (and carried out).</summary>
    public bool Allowed => Outcome == DocumentActionOutcome.Done;

    public static DocumentActionResult Done(string message, string? status) => new(DocumentActionOutcome.Done, message, status);

    public static DocumentActionResult NotFound(string id) => new(DocumentActionOutcome.NotFound, $"No document, receipt or outbound record '{id}'.");

    public static DocumentActionResult Refused(string reason, string? status) => new(DocumentActionOutcome.NotApplicable, reason, status);
}
