using Fn.AwsGuardDuty.Soar.Patching;

namespace Fn.AwsGuardDuty.Soar;

/// <summary>SOAR rejected a PATCH (<c>success: false</c> or a 4xx) for a reason other than a version conflict.</summary>
public class SoarPatchException : SoarException
{
    public SoarPatchException(string message, IReadOnlyList<FieldFailure> fieldFailures, int attempts)
        : base(message)
    {
        FieldFailures = fieldFailures;
        Attempts = attempts;
    }

    public IReadOnlyList<FieldFailure> FieldFailures { get; }

    public int Attempts { get; }
}
