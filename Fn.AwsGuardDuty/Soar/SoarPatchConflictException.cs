using Fn.AwsGuardDuty.Soar.Patching;

namespace Fn.AwsGuardDuty.Soar;

/// <summary>The incident kept changing under us: every re-read and re-apply (bounded) still hit a conflict.</summary>
public sealed class SoarPatchConflictException : SoarPatchException
{
    public SoarPatchConflictException(string message, IReadOnlyList<FieldFailure> fieldFailures, int attempts)
        : base(message, fieldFailures, attempts)
    {
    }
}
