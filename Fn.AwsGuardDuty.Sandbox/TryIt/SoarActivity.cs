using Fn.AwsGuardDuty.Sandbox.Platform;
using Fn.AwsGuardDuty.Sandbox.Soar.Imports;
using Fn.AwsGuardDuty.Sandbox.Soar.State;

namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>
/// Counts what happens in SOAR while the sandbox runs: incidents created, closed and reopened (from the emulator's
/// change hook), refresh triggers the poller set, and the automatic playbooks that ran (from the playbook runner).
/// Raises <see cref="Changed"/> with a one-line description of each, for the live feed.
/// </summary>
public sealed class SoarActivity : IDisposable
{
    private readonly SoarEmulatorState _state;
    private readonly int _orgId;
    private long _created;
    private long _closed;
    private long _reopened;
    private long _triggers;
    private long _refreshed;
    private long _archivedByPlaybook;
    private long _playbookFailures;

    public SoarActivity(SoarEmulatorState state, int orgId)
    {
        _state = state;
        _orgId = orgId;
        state.IncidentChanged += OnIncidentChanged;
    }

    /// <summary>One line per change worth telling (created, closed, reopened, refresh triggered, playbook ran).</summary>
    public event Action<string>? Changed;

    public long Created => Interlocked.Read(ref _created);

    public long Closed => Interlocked.Read(ref _closed);

    public long Reopened => Interlocked.Read(ref _reopened);

    /// <summary>Times the poller flipped aws_guardduty_trigger_refresh to true (a finding changed in GuardDuty).</summary>
    public long RefreshTriggers => Interlocked.Read(ref _triggers);

    /// <summary>Incidents the Update Finding Details playbook refreshed.</summary>
    public long Refreshed => Interlocked.Read(ref _refreshed);

    /// <summary>Findings the Archive Finding playbook archived (an analyst closed their incident).</summary>
    public long ArchivedByPlaybook => Interlocked.Read(ref _archivedByPlaybook);

    public long PlaybookFailures => Interlocked.Read(ref _playbookFailures);

    /// <summary>Counts the runs of <paramref name="runner"/> from now on.</summary>
    public void Watch(SoarPlaybookRunner runner) => runner.RunCompleted += OnPlaybookRun;

    public void Dispose() => _state.IncidentChanged -= OnIncidentChanged;

    private void OnIncidentChanged(object? sender, SoarIncidentChangedEventArgs change)
    {
        var incident = change.Incident;
        if (incident.OrgId != _orgId)
            return;
        var finding = incident.Properties.GetValueOrDefault("aws_guardduty_finding_id") as string ?? "(no finding)";
        var region = incident.Properties.GetValueOrDefault("aws_guardduty_region") as string ?? "?";
        switch (change.Kind)
        {
            case SoarIncidentChangeKind.Created:
                Interlocked.Increment(ref _created);
                Changed?.Invoke($"incident {incident.Id} created for finding {finding} ({region}, severity {incident.SeverityCode}): {incident.Name}");
                break;
            case SoarIncidentChangeKind.Closed:
                Interlocked.Increment(ref _closed);
                Changed?.Invoke($"incident {incident.Id} closed ({incident.ResolutionId}: {incident.ResolutionSummary})");
                break;
            case SoarIncidentChangeKind.Reopened:
                Interlocked.Increment(ref _reopened);
                Changed?.Invoke($"incident {incident.Id} reopened");
                break;
        }

        if (change.Changed("properties.aws_guardduty_trigger_refresh") && incident.Properties.GetValueOrDefault("aws_guardduty_trigger_refresh") is true)
        {
            Interlocked.Increment(ref _triggers);
            Changed?.Invoke($"incident {incident.Id}: finding {finding} changed in GuardDuty, refresh triggered");
        }
    }

    private void OnPlaybookRun(SoarPlaybookRun run)
    {
        var succeeded = run.Outcome == SoarPlaybookOutcome.Succeeded;
        if (!succeeded)
            Interlocked.Increment(ref _playbookFailures);
        else if (run.Function == SoarGuardDutyCustomization.RefreshFunction)
            Interlocked.Increment(ref _refreshed);
        else if (run.Function == SoarGuardDutyCustomization.ArchiveFunction)
            Interlocked.Increment(ref _archivedByPlaybook);
        Changed?.Invoke($"playbook '{run.Playbook}' on incident {run.IncidentId}: {run.Outcome} ({run.Detail}) in {run.Latency.TotalMilliseconds:0.0} ms");
    }
}
