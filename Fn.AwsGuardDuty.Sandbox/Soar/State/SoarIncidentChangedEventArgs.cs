namespace Fn.AwsGuardDuty.Sandbox.Soar.State;

/// <summary>
/// Raised after an incident was created or its fields changed, once the org's lock is released, on the request's
/// thread (so the change is already visible to other calls). The automatic playbook rules observe this: e.g. a
/// <see cref="SoarIncidentChangeKind.Closed"/> change whose <c>properties.aws_guardduty_archived</c> is not "True".
/// Handlers must be quick and must not throw; hand long work to a queue.
/// </summary>
public sealed class SoarIncidentChangedEventArgs(SoarIncidentChangeKind kind, IReadOnlyList<SoarFieldChange> changes, SoarIncidentView incident) : EventArgs
{
    public SoarIncidentChangeKind Kind { get; } = kind;

    public IReadOnlyList<SoarFieldChange> Changes { get; } = changes;

    /// <summary>The incident after the change.</summary>
    public SoarIncidentView Incident { get; } = incident;

    public bool Changed(string field) => Changes.Any(c => c.Field == field);
}
