namespace Fn.AwsGuardDuty.GuardDuty.Errors;

/// <summary>Base of every error the GuardDuty client raises. Messages never carry a secret.</summary>
public class GuardDutyException : Exception
{
    public GuardDutyException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>HTTP attempts made for the call that failed (0 when it failed before sending).</summary>
    public int Attempts { get; init; }
}
