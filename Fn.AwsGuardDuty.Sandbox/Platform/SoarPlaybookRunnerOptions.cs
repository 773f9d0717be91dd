namespace Fn.AwsGuardDuty.Sandbox.Platform;

/// <summary>Settings of a <see cref="SoarPlaybookRunner"/>.</summary>
public sealed class SoarPlaybookRunnerOptions
{
    /// <summary>Run a playbook only when the org has it installed and enabled, as SOAR does (true by default).</summary>
    public bool RequireInstalledPlaybooks { get; set; } = true;

    /// <summary>How many finished runs <see cref="SoarPlaybookRunner.Runs"/> keeps.</summary>
    public int HistoryCapacity { get; set; } = 1000;

    public void Validate()
    {
        if (HistoryCapacity < 1)
        {
            throw new ArgumentException($"Invalid playbook runner options: HistoryCapacity must be at least 1, got {HistoryCapacity}");
        }
    }
}
