namespace Fn.AwsGuardDuty.GuardDuty.Errors;

/// <summary>A call ran out of time: its total deadline passed, or every attempt hit the per-try timeout.</summary>
public sealed class GuardDutyTimeoutException(string message, Exception? inner = null) : GuardDutyException(message, inner);
