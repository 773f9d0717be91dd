namespace Fn.AwsGuardDuty.Stomp;

/// <summary>A frame broke the STOMP 1.2 grammar or a configured limit. The connection that produced it is closed.</summary>
public sealed class StompProtocolException(string message) : Exception(message);
