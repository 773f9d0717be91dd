namespace Fn.AwsGuardDuty.GuardDuty.Errors;

/// <summary>A 2xx response whose body is not the JSON the operation returns.</summary>
public sealed class GuardDutyResponseException(string message, Exception? inner = null) : GuardDutyException(message, inner);
