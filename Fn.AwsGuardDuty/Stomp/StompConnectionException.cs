namespace Fn.AwsGuardDuty.Stomp;

/// <summary>The connection is not there (not yet connected, lost, or closed), or could not be made.</summary>
public class StompConnectionException(string message, Exception? inner = null) : Exception(message, inner);
