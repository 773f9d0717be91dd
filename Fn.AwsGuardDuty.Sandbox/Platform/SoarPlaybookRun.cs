namespace Fn.AwsGuardDuty.Sandbox.Platform;

/// <summary>One automatic playbook run: which playbook, for which incident, how it ended, and the function's reply.</summary>
public sealed record SoarPlaybookRun(
    string Playbook, string Function, int OrgId, long IncidentId, SoarPlaybookOutcome Outcome, string Detail, FunctionReply? Reply)
{
    /// <summary>The function's round trip (zero when it never answered).</summary>
    public TimeSpan Latency => Reply?.Latency ?? TimeSpan.Zero;
}
