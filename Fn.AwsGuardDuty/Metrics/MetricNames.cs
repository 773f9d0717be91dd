namespace Fn.AwsGuardDuty.Metrics;

/// <summary>
/// The meter and its instruments, named as the Prometheus series they become (docs/metrics.md, deploy/grafana/).
/// </summary>
public static class MetricNames
{
    public const string Meter = "Fn.AwsGuardDuty";

    public const string FunctionCalls = "fn_aws_guardduty_function_calls_total";
    public const string FunctionDuration = "fn_aws_guardduty_function_duration_seconds";
    public const string IncidentsCreated = "fn_aws_guardduty_incidents_created_total";
    public const string IncidentsClosed = "fn_aws_guardduty_incidents_closed_total";
    public const string RefreshTriggered = "fn_aws_guardduty_refresh_triggered_total";
    public const string PollCycles = "fn_aws_guardduty_poll_cycles_total";
    public const string PollCycleDuration = "fn_aws_guardduty_poll_cycle_duration_seconds";
    public const string FindingsSeen = "fn_aws_guardduty_findings_seen_total";
    public const string AwsCalls = "fn_aws_guardduty_aws_calls_total";
    public const string SoarCalls = "fn_aws_guardduty_soar_calls_total";
    public const string PushMessages = "fn_aws_guardduty_push_messages_total";
    public const string PushEventToIncident = "fn_aws_guardduty_push_event_to_incident_seconds";

    /// <summary>Every series, in the order docs/metrics.md lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        FunctionCalls, FunctionDuration, IncidentsCreated, IncidentsClosed, RefreshTriggered, PollCycles, PollCycleDuration,
        FindingsSeen, AwsCalls, SoarCalls, PushMessages, PushEventToIncident,
    ];
}
