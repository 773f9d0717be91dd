namespace Fn.AwsGuardDuty.GuardDuty.Errors;

/// <summary>The endpoint could not be reached or the connection broke, on every attempt.</summary>
public sealed class GuardDutyTransportException(string message, Exception? inner = null) : GuardDutyException(message, inner);
