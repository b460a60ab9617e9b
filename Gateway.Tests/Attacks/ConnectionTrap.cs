using System.Net;
using System.Net.Sockets;

namespace Gateway.Tests.Attacks;

/// <summary>
/// A listener on one port of both loopback addresses (127.0.0.1 and ::1, dual mode) that only counts the connections
/// made to it: the oracle of "0 requests made" holds before any HTTP is spoken.
/// </summary>
internal sealed class ConnectionTrap : IDisposable
{
    private readonly TcpListener _listener;
    private readonly Task _loop;
    private int _connections;

    public ConnectionTrap()
    {
        _listener = new TcpListener(IPAddress.IPv6Any, 0);
        _listener.Server.DualMode = true;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public int Connections => Volatile.Read(ref _connections);

    public void Reset() => Interlocked.Exchange(ref _connections, 0);

    public void Dispose()
    {
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept pending when the listener stopped ends the loop.
        }
    }

    private async Task LoopAsync()
    {
        while (true)
        {
            try
            {
                using var client = await _listener.AcceptTcpClientAsync();
                Interlocked.Increment(ref _connections);
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
        }
    }
}
