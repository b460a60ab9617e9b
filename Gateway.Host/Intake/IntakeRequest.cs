namespace Gateway.Host.Intake;

/// <summary>What a transport hands to intake: the bytes and where they came from.</summary>
/// <param name="Transport">as2, sftp, email or folder.</param>
/// <param name="PartnerId">The partner the transport vouches for, or null for a shared inbox.</param>
/// <param name="OriginalName">The file's name at the source (kept as data, never used as a path).</param>
/// <param name="SourceKey">What identifies this file at its source (path, size, time), so picking it up again after a crash is recognised.</param>
/// <param name="Content">The raw bytes.</param>
/// <param name="QuarantineReason">Set when the transport refuses what it received (mail from a stranger): it is archived and tracked as quarantined, never processed.</param>
internal sealed record IntakeRequest(string Transport, string? PartnerId, string OriginalName, string SourceKey, byte[] Content, string? QuarantineReason = null);
