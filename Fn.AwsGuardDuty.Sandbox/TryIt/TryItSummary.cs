namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>What a try-it run did, end to end.</summary>
public sealed record TryItSummary
{
    public required int FindingsSeeded { get; init; }

    public required int Regions { get; init; }

    public required long IncidentsCreated { get; init; }

    /// <summary>Refreshed by the Update Finding Details playbook after the poller saw the finding change.</summary>
    public required long IncidentsRefreshed { get; init; }

    public required long IncidentsClosed { get; init; }

    /// <summary>Of <see cref="IncidentsClosed"/>, those an analyst closed in SOAR (the rest the poller closed).</summary>
    public required long ClosedByAnalyst { get; init; }

    public required long IncidentsReopened { get; init; }

    /// <summary>Findings archived in GuardDuty now.</summary>
    public required int FindingsArchived { get; init; }

    public required long PlaybookFailures { get; init; }

    public required IReadOnlyList<FunctionLatency> Functions { get; init; }

    public required int PollCycles { get; init; }

    public required long GuardDutyCalls { get; init; }

    /// <summary>GuardDuty and EC2 calls per operation.</summary>
    public required IReadOnlyDictionary<string, long> GuardDutyCallsByOperation { get; init; }

    public required long SoarCalls { get; init; }

    public required TimeSpan AppStartup { get; init; }

    public long ClosedByPoller => IncidentsClosed - ClosedByAnalyst;

    public int FunctionCalls => Functions.Sum(f => f.Calls);
}
