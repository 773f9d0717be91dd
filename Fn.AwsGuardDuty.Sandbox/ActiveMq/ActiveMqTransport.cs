namespace Fn.AwsGuardDuty.Sandbox.ActiveMq;

/// <summary>
/// How the broker's STOMP connectors set up their sockets. <see cref="Defaults"/> is what a stock ActiveMQ (and so a
/// customer's SOAR broker) runs with: Nagle on. <see cref="TcpNoDelay"/> adds <c>transport.tcpNoDelay=true</c>, which
/// hides any client that depends on the broker sending small frames at once.
/// </summary>
public enum ActiveMqTransport
{
    Defaults,
    TcpNoDelay,
}
