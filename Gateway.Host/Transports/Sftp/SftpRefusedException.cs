namespace Gateway.Host.Transports.Sftp;

/// <summary>An SFTP session the gateway refused to open: a host key that is not the pinned one, or a credential it cannot read.</summary>
internal sealed class SftpRefusedException(string message) : Exception(message);
