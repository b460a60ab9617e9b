namespace Gateway.Host.Admin.Metrics;

/// <summary>One back-end endpoint's calls over the last hour, for the console's dashboard.</summary>
/// <param name="Endpoint">The endpoint's name in appsettings.json (erp, wms…).</param>
/// <param name="Calls">Calls made, each attempt counted (the quick retries inside one attempt are one call).</param>
/// <param name="Failures">Calls that failed: an error status, no answer in time, or no connection.</param>
/// <param name="P50Milliseconds">Median call duration, within about 10 %; null without calls.</param>
/// <param name="P95Milliseconds">95th percentile call duration, within about 10 %; null without calls.</param>
internal sealed record EndpointCallStats(string Endpoint, long Calls, long Failures, double? P50Milliseconds, double? P95Milliseconds);
