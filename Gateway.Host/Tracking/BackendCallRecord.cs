namespace Gateway.Host.Tracking;

/// <summary>
/// One back-end call a document makes (the outbox entry): which call of which map, its idempotency key, and what
/// the back end answered. Bodies are not stored; they are mapped again from the archived document on every attempt,
/// unless a person saved a corrected body for a replay.
/// </summary>
internal sealed class BackendCallRecord
{
    /// <summary>The call's name in the map (<c>sales-order</c>), or <c>document</c> for an unmapped pass-through.</summary>
    public string Name { get; set; } = "";

    public string Endpoint { get; set; } = "";

    public string Method { get; set; } = "POST";

    public string Path { get; set; } = "";

    /// <summary>Partner, interchange date and control numbers, map and call: the same call always carries the same key.</summary>
    public string IdempotencyKey { get; set; } = "";

    public BackendCallStatus Status { get; set; }

    public int Attempts { get; set; }

    /// <summary>The back end's last answer: status code and the start of its body.</summary>
    public string? LastResponse { get; set; }

    /// <summary>The id the back end returned for what it created (<c>{"id": …}</c>), when it returned one.</summary>
    public string? BackendId { get; set; }

    /// <summary>A body a person corrected for a replay (JSON); used instead of the mapped one.</summary>
    public string? BodyOverride { get; set; }
}
