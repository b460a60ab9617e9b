namespace Gateway.Host.Operations;

/// <summary>The pipeline step a replay starts from (<see cref="DocumentActions.ReplayFromAsync"/> says what each does).</summary>
internal enum ReplayStep
{
    /// <summary>Make the calls still pending or failed again; delivered ones stay delivered.</summary>
    Delivery,

    /// <summary>Map again from the archive with the live maps (corrected bodies dropped), then deliver.</summary>
    Map,

    /// <summary>The whole receipt again from the archive: parse, check, validate, acknowledge, map, deliver.</summary>
    Parse,
}
