namespace Gateway.Host.Intake;

/// <summary>Names that come from outside (a remote file, a mail attachment, a sender) as they may be shown and stored: data, never a path.</summary>
internal static class RemoteNames
{
    /// <summary>Control characters replaced with '?', length bounded; the archive's own names are generated.</summary>
    public static string Safe(string name)
    {
        string clean = new([.. name.Select(c => char.IsControl(c) ? '?' : c)]);
        return clean.Length > 200 ? clean[..200] : clean;
    }
}
