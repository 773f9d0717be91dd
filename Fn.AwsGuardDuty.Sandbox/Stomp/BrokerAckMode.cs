namespace Fn.AwsGuardDuty.Sandbox.Stomp;

/// <summary>STOMP 1.2 SUBSCRIBE <c>ack</c> modes.</summary>
internal enum BrokerAckMode
{
    /// <summary>The message counts as consumed when it is sent.</summary>
    Auto,

    /// <summary>An ACK acknowledges that message and every earlier one of the subscription (cumulative).</summary>
    Client,

    /// <summary>An ACK acknowledges that message only.</summary>
    ClientIndividual,
}
