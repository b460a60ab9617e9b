namespace Gateway.Host.Tracking;

/// <summary>One transaction set or message: the unit that is tracked, validated, acknowledged and delivered.</summary>
internal sealed class DocumentRecord
{
    /// <summary>The receipt id and the document's place in it: <c>R…-1-1-3</c> (interchange, group, document).</summary>
    public string Id { get; set; } = "";

    public string ReceiptId { get; set; } = "";

    public string? PartnerId { get; set; }

    public string Direction { get; set; } = "inbound";

    public string Standard { get; set; } = "";

    public string Version { get; set; } = "";

    /// <summary>850, ORDERS…</summary>
    public string Type { get; set; } = "";

    public string InterchangeControlNumber { get; set; } = "";

    public string GroupControlNumber { get; set; } = "";

    public string ControlNumber { get; set; } = "";

    /// <summary>The business number support staff search by: PO (BEG03), ASN (BSN02), invoice (BIG02), order (BGM).</summary>
    public string? BusinessReference { get; set; }

    /// <summary>The customer's PO number the document belongs to (BEG03, PRF01, W0606, RFF+ON…): the key of the order journey.</summary>
    public string? PurchaseOrder { get; set; }

    /// <summary>Its item lines (ordered, shipped or invoiced), for the journey's line-level checks.</summary>
    public List<Orders.OrderLine> Lines { get; set; } = [];

    public DateTimeOffset ReceivedAt { get; set; }

    public DocumentStatus Status { get; set; }

    /// <summary>Validation and processing problems, one sentence each with position and code.</summary>
    public List<string> Issues { get; set; } = [];

    /// <summary>The map (in maps/) that turns the document into back-end calls.</summary>
    public string? Map { get; set; }

    /// <summary>Without a map: the endpoint that receives the document's JSON form as is.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Derived from partner and control numbers: the same document always carries the same key, so a retry can never create a second order. Each call adds its map and name.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>Delivery rounds so far (each round makes the calls still pending, with quick retries inside).</summary>
    public int Attempts { get; set; }

    /// <summary>The calls the map produced, in order, with their outcomes.</summary>
    public List<BackendCallRecord> Calls { get; set; } = [];

    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>The back end's last answer: status code and the start of its body.</summary>
    public string? LastResponse { get; set; }

    public List<TimelineEvent> Timeline { get; set; } = [];
}
