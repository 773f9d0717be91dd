namespace Fn.AwsGuardDuty.GuardDuty.Errors;

/// <summary>No usable AWS credentials: nothing configured, a missing profile, or a refused AssumeRole.</summary>
public sealed class GuardDutyCredentialsException(string message, Exception? inner = null) : GuardDutyException(message, inner);
