namespace Gateway.Host.Tracking;

/// <summary>Where one back-end call stands.</summary>
internal enum BackendCallStatus
{
    /// <summary>Not made yet, or failed in a way that will be retried.</summary>
    Pending,

    /// <summary>The back end accepted it.</summary>
    Delivered,

    /// <summary>The back end refused it, or it failed too often: a person must act.</summary>
    Failed,

    /// <summary>The map no longer produces it for this document (its condition became false, or the map changed).</summary>
    Skipped,
}
