namespace Fn.AwsGuardDuty.Sandbox.Stomp;

/// <summary>
/// A frame the broker refuses. The message becomes the ERROR frame's <c>message</c> header; STOMP 1.2 then has the
/// server close the connection, which rolls back open transactions and redelivers unacked messages.
/// </summary>
internal sealed class BrokerProtocolException(string message) : Exception(message);
