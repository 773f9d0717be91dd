using System.Text.RegularExpressions;
using Fn.AwsGuardDuty.Configuration;

namespace Fn.AwsGuardDuty.Poller;

/// <summary>
/// Everything the findings poller needs: the <c>[fn_aws_guardduty]</c> poller keys (see
/// <see cref="FromGuardDutyOptions"/>) plus tuning knobs with safe defaults. Checked up front by <see cref="Validate"/>.
/// </summary>
public sealed record PollerOptions
{
    /// <summary>ListFindings page size and GetFindings batch size (GuardDuty's maximum for both).</summary>
    public const int BatchSize = 50;

    /// <summary>Time between the starts of two cycles (<c>aws_gd_polling_interval</c>).</summary>
    public TimeSpan PollingInterval { get; init; } = GuardDutyOptions.DefaultPollingInterval;

    /// <summary>Whether the hosted service runs cycles at all (<c>aws_gd_polling_enabled</c> and a non-zero interval).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Findings below this severity are skipped; null means no filter; 0 is honoured.</summary>
    public double? SeverityThreshold { get; init; }

    /// <summary>How far back a detector without a checkpoint looks; null means every unarchived finding.</summary>
    public TimeSpan? LookbackInterval { get; init; }

    /// <summary>Path of a JSON close template; null means the built-in one (guardduty-app.md §6).</summary>
    public string? CloseIncidentTemplatePath { get; init; }

    public int MaxConcurrentRegions { get; init; } = GuardDutyOptions.DefaultMaxConcurrentRegions;

    /// <summary>Only finding types this regex finds are escalated; null means all.</summary>
    public Regex? FindingTypes { get; init; }

    /// <summary>Finding types this regex finds are skipped.</summary>
    public Regex? ExcludeFindingTypes { get; init; }

    /// <summary>Only findings whose AccountId this regex finds are escalated (<c>aws_gd_accounts</c>); null means all.</summary>
    public Regex? Accounts { get; init; }

    /// <summary>Findings whose AccountId this regex finds are skipped (<c>aws_gd_exclude_accounts</c>).</summary>
    public Regex? ExcludeAccounts { get; init; }

    /// <summary>Most findings one cycle works on (all regions together); the rest waits for the next cycle. 0: no cap.</summary>
    public int MaxFindingsPerCycle { get; init; }

    public UpdateMode UpdateMode { get; init; } = UpdateMode.Trigger;

    public ClosedIncidentAction ClosedIncidentAction { get; init; } = ClosedIncidentAction.Leave;

    /// <summary>Folder of the checkpoint files.</summary>
    public string StateDir { get; init; } = GuardDutyOptions.DefaultStateDirName;

    /// <summary>Subtracted from the checkpoint when asking for updatedAt; also absorbs clock skew (see <see cref="DetectorPass"/>).</summary>
    public TimeSpan Overlap { get; init; } = GuardDutyOptions.DefaultOverlap;

    /// <summary>Incidents of one batch created (or updated) at the same time.</summary>
    public int IncidentConcurrency { get; init; } = 8;

    /// <summary>Batches fetched ahead from GuardDuty while SOAR works on the current one.</summary>
    public int Prefetch { get; init; } = 2;

    /// <summary>Open incidents whose finding is checked for archiving, per detector and cycle (round robin). 0: all.</summary>
    public int ReconcileMaxPerCycle { get; init; } = 1_000;

    /// <summary>Failed findings kept for retry per detector; when full the detector stops advancing until they clear.</summary>
    public int MaxRetryIds { get; init; } = 10_000;

    /// <summary>Cycles a finding that cannot be mapped at all is retried before it is given up (logged).</summary>
    public int MaxAttemptsForInvalidFinding { get; init; } = 3;

    /// <summary>The checkpoint is also saved between batches when this long has passed since the last save.</summary>
    public TimeSpan CheckpointSaveInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Creates of one incident within a cycle when SOAR fails them without having made the incident (each failure is
    /// checked with a lookup first); then the finding waits in the retry set.
    /// </summary>
    public int CreateAttempts { get; init; } = 3;

    /// <summary>Pause before the second create of an incident (doubled after each further failure, jittered ±50 %).</summary>
    public TimeSpan CreateRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Page length of SOAR <c>query_paged</c> calls.</summary>
    public int SoarQueryPageSize { get; init; } = 500;

    /// <summary>Maps the configuration keys onto the poller's options.</summary>
    public static PollerOptions FromGuardDutyOptions(GuardDutyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PollerOptions
        {
            PollingInterval = options.PollingInterval,
            Enabled = options.PollerActive,
            SeverityThreshold = options.SeverityThreshold,
            LookbackInterval = options.LookbackInterval is { } l && l > TimeSpan.Zero ? l : null,
            CloseIncidentTemplatePath = options.CloseIncidentTemplate,
            MaxConcurrentRegions = options.MaxConcurrentRegions,
            FindingTypes = options.FindingTypes,
            ExcludeFindingTypes = options.ExcludeFindingTypes,
            Accounts = options.Accounts,
            ExcludeAccounts = options.ExcludeAccounts,
            MaxFindingsPerCycle = options.MaxFindingsPerCycle,
            UpdateMode = options.UpdateMode,
            ClosedIncidentAction = options.ClosedIncidentAction,
            StateDir = options.StateDir,
            Overlap = options.Overlap,
        };
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (Enabled && PollingInterval <= TimeSpan.Zero)
            throw Bad("aws_gd_polling_interval", "must be positive while the poller is enabled");
        if (SeverityThreshold is { } t && (double.IsNaN(t) || t < 0 || t > 10))
            throw Bad("aws_gd_severity_threshold", "must be a number from 0 to 10");
        if (LookbackInterval is { } l && l < TimeSpan.Zero)
            throw Bad("aws_gd_lookback_interval", "must not be negative");
        if (MaxConcurrentRegions is < GuardDutyOptions.MinConcurrentRegions or > GuardDutyOptions.MaxConcurrentRegionsLimit)
            throw Bad("aws_gd_max_concurrent_regions", $"must be from {GuardDutyOptions.MinConcurrentRegions} to {GuardDutyOptions.MaxConcurrentRegionsLimit}");
        if (MaxFindingsPerCycle < 0)
            throw Bad("aws_gd_max_findings_per_cycle", "must not be negative");
        if (string.IsNullOrWhiteSpace(StateDir))
            throw Bad("aws_gd_state_dir", "must not be empty");
        if (Overlap < TimeSpan.Zero)
            throw Bad("aws_gd_overlap", "must not be negative");
        if (IncidentConcurrency < 1)
            throw Bad(nameof(IncidentConcurrency), "must be at least 1");
        if (Prefetch < 1)
            throw Bad(nameof(Prefetch), "must be at least 1");
        if (ReconcileMaxPerCycle < 0)
            throw Bad(nameof(ReconcileMaxPerCycle), "must not be negative");
        if (MaxRetryIds < 1)
            throw Bad(nameof(MaxRetryIds), "must be at least 1");
        if (MaxAttemptsForInvalidFinding < 1)
            throw Bad(nameof(MaxAttemptsForInvalidFinding), "must be at least 1");
        if (CheckpointSaveInterval < TimeSpan.Zero)
            throw Bad(nameof(CheckpointSaveInterval), "must not be negative");
        if (CreateAttempts is < 1 or > 10)
            throw Bad(nameof(CreateAttempts), "must be from 1 to 10");
        if (CreateRetryDelay < TimeSpan.Zero || CreateRetryDelay > TimeSpan.FromMinutes(1))
            throw Bad(nameof(CreateRetryDelay), "must be from 0 to 1 minute");
        if (SoarQueryPageSize is < BatchSize or > 10_000)
            throw Bad(nameof(SoarQueryPageSize), $"must be from {BatchSize} to 10000");
        if (CloseIncidentTemplatePath is not null && !File.Exists(CloseIncidentTemplatePath))
            throw Bad("aws_gd_close_incident_template", $"file not found: {CloseIncidentTemplatePath}");
    }

    private static ArgumentException Bad(string key, string what) => new($"{key} {what}.");
}
