namespace Gateway.Host.Admin.Security;

/// <summary>What a console user or API token may do; each role includes every role before it.</summary>
internal enum Role
{
    /// <summary>Reads documents, partners, orders, certificates and metrics.</summary>
    Viewer,

    /// <summary>Also reprocesses, replays, fixes and resends documents.</summary>
    Operator,

    /// <summary>Also sends partners test documents and manages their certificates and profiles.</summary>
    PartnerAdmin,

    /// <summary>Everything, including the audit log and users.</summary>
    Admin,
}
