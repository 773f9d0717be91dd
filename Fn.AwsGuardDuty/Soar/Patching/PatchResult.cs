using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Patching;

/// <summary>
/// The outcome of a successful update. <see cref="Changed"/> is false when the incident already held every intended
/// value (no PATCH sent). <see cref="Attempts"/> counts PATCH requests, re-applies after conflicts included.
/// </summary>
public sealed record PatchResult(bool Changed, int Attempts, IReadOnlyList<PatchChange> AppliedChanges, PatchStatus? Status)
{
    public static PatchResult NoChange(int attempts) => new(false, attempts, [], null);
}
