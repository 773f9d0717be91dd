using System.Net.Sockets;

namespace Fn.AwsGuardDuty.Stomp;

/// <summary>
/// Makes the kernel ACK what was just read at once instead of after the delayed-ACK timer (40 ms on Linux).
/// <para>
/// Why: a broker that runs with Nagle on (ActiveMQ's default) holds each small frame it sends until the previous one
/// is ACKed. After the RECEIPT of a reply's COMMIT the client has nothing to send, so the ACK of that RECEIPT waited
/// for the timer, and the broker's next MESSAGE waited behind it: ~40 ms added to every call that arrived within
/// 40 ms of the previous answer (seen in a capture against ActiveMQ 5.17 at defaults). The same holds while a slow
/// function runs and the broker dispatches the next message. Linux turns quick-ACK mode off again by itself, so it is
/// asked for after every read. Elsewhere this does nothing.
/// </para>
/// </summary>
public sealed class TcpQuickAck(Socket socket)
{
    // IPPROTO_TCP / TCP_QUICKACK from <netinet/tcp.h>; .NET has no named option for it.
    private const int IpProtoTcp = 6;
    private const int TcpQuickAckOption = 12;
    private static readonly byte[] On = BitConverter.GetBytes(1);

    private bool _enabled = OperatingSystem.IsLinux();

    public void AfterRead()
    {
        if (!_enabled)
        {
            return;
        }

        try
        {
            socket.SetRawSocketOption(IpProtoTcp, TcpQuickAckOption, On);
        }
        catch (SocketException)
        {
            // Not supported on this kernel/socket: the connection works as before, only with delayed ACKs.
            _enabled = false;
        }
        catch (ObjectDisposedException)
        {
            _enabled = false;
        }
    }
}
