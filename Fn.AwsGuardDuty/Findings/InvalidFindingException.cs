namespace Fn.AwsGuardDuty.Findings;

/// <summary>The input is not a usable GuardDuty finding (it lacks Id, Type or Service.DetectorId).</summary>
public sealed class InvalidFindingException : ArgumentException
{
    public InvalidFindingException(string message) : base(message)
    {
    }
}
