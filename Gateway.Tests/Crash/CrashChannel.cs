namespace Gateway.Tests.Crash;

/// <summary>The intake channels a crash run drives, each with its partner and a control number range of its own.</summary>
internal enum CrashChannel
{
    Folder = 1,
    Sftp = 2,
    As2 = 3,
}
