namespace Gateway.Host.Operations;

/// <summary>How a support action ended: the console flashes it, the API turns it into 200, 404 or 409.</summary>
internal enum DocumentActionOutcome
{
    /// <summary>Carried out; the message says what became of the document.</summary>
    Done,

    /// <summary>No document, receipt or outbound record has that id.</summary>
    NotFound,

    /// <summary>The action does not apply to the record's current state; the message says why and what would.</summary>
    NotApplicable,
}
