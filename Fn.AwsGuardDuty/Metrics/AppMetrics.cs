using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Fn.AwsGuardDuty.Metrics;

/// <summary>
/// The app's instruments (meter <see cref="MetricNames.Meter"/>, made by the host's <see cref="IMeterFactory"/>, so two
/// apps in one process keep apart) and one method per thing worth counting. The SOAR and AWS clients exist before the
/// host and count their own calls (<see cref="CallTally"/>); their series are observed from those tallies at collection.
/// </summary>
public sealed class AppMetrics
{
    /// <summary>The <c>function</c> tag of a message that names no function this app serves (keeps the series bounded).</summary>
    public const string UnknownFunction = "unknown";

    private static readonly double[] FunctionBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
    private static readonly double[] CycleBuckets = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];
    private static readonly double[] PushBuckets = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900];

    private readonly Counter<long> _functionCalls;
    private readonly Histogram<double> _functionDuration;
    private readonly Counter<long> _incidentsCreated;
    private readonly Counter<long> _incidentsClosed;
    private readonly Counter<long> _refreshTriggered;
    private readonly Counter<long> _pollCycles;
    private readonly Histogram<double> _pollCycleDuration;
    private readonly Counter<long> _findingsSeen;
    private readonly Counter<long> _pushMessages;
    private readonly Histogram<double> _pushEventToIncident;
    private readonly CallTally _sqsCalls = new();

    /// <param name="soarCalls">The SOAR client's tally (null: no SOAR client, the series stays empty).</param>
    /// <param name="awsCalls">The GuardDuty client factory's tally (GuardDuty, EC2 and STS calls).</param>
    public AppMetrics(IMeterFactory meterFactory, CallTally? soarCalls, CallTally? awsCalls)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MetricNames.Meter);
        _functionCalls = meter.CreateCounter<long>(MetricNames.FunctionCalls, description: "SOAR function calls taken from the broker, by function and outcome");
        _functionDuration = meter.CreateHistogram(MetricNames.FunctionDuration, "s", "Time a function handler ran", advice: Buckets(FunctionBuckets));
        _incidentsCreated = meter.CreateCounter<long>(MetricNames.IncidentsCreated, description: "SOAR incidents created (poller and push)");
        _incidentsClosed = meter.CreateCounter<long>(MetricNames.IncidentsClosed, description: "SOAR incidents closed because their finding was archived (poller and push)");
        _refreshTriggered = meter.CreateCounter<long>(MetricNames.RefreshTriggered, description: "Refresh triggers set on incidents whose finding changed");
        _pollCycles = meter.CreateCounter<long>(MetricNames.PollCycles, description: "Poll cycles finished, by outcome");
        _pollCycleDuration = meter.CreateHistogram(MetricNames.PollCycleDuration, "s", "Duration of a poll cycle", advice: Buckets(CycleBuckets));
        _findingsSeen = meter.CreateCounter<long>(MetricNames.FindingsSeen, description: "GuardDuty findings read by the poller, by region");
        _pushMessages = meter.CreateCounter<long>(MetricNames.PushMessages, description: "SQS push messages processed, by outcome");
        _pushEventToIncident = meter.CreateHistogram(MetricNames.PushEventToIncident, "s",
            "From the EventBridge event's time to SOAR having taken what it asked", advice: Buckets(PushBuckets));
        meter.CreateObservableCounter(MetricNames.SoarCalls, () => Observe(soarCalls), description: "SOAR REST requests, by operation and outcome");
        meter.CreateObservableCounter(MetricNames.AwsCalls, () => Observe(awsCalls).Concat(Observe(_sqsCalls)),
            description: "AWS calls (GuardDuty, EC2, STS, SQS), by operation and outcome");
    }

    public void FunctionCall(string function, string outcome) =>
        _functionCalls.Add(1, new TagList { { "function", function }, { "outcome", outcome } });

    public void FunctionCall(string function, string outcome, TimeSpan duration)
    {
        FunctionCall(function, outcome);
        _functionDuration.Record(duration.TotalSeconds, new TagList { { "function", function } });
    }

    public void IncidentCreated() => _incidentsCreated.Add(1);

    public void IncidentClosed() => _incidentsClosed.Add(1);

    public void RefreshTriggered() => _refreshTriggered.Add(1);

    public void PollCycle(bool withErrors, TimeSpan duration)
    {
        _pollCycles.Add(1, new TagList { { "outcome", withErrors ? MetricOutcomes.Error : MetricOutcomes.Ok } });
        _pollCycleDuration.Record(duration.TotalSeconds);
    }

    public void FindingSeen(string region) => _findingsSeen.Add(1, new TagList { { "region", region } });

    public void PushMessage(string outcome) => _pushMessages.Add(1, new TagList { { "outcome", outcome } });

    /// <summary>A pushed event SOAR has taken; <paramref name="eventTime"/> is the event's <c>time</c> (ignored when absent or unreadable).</summary>
    public void PushEventHandled(string? eventTime, DateTimeOffset now)
    {
        if (DateTimeOffset.TryParse(eventTime, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
            _pushEventToIncident.Record(Math.Max(0, (now - at).TotalSeconds));
    }

    /// <summary>An SQS call of the push intake (the other AWS calls are counted by their clients).</summary>
    public void SqsCall(string operation, string outcome) => _sqsCalls.Add(operation, outcome);

    private static InstrumentAdvice<double> Buckets(double[] bounds) => new() { HistogramBucketBoundaries = bounds };

    private static IEnumerable<Measurement<long>> Observe(CallTally? tally) =>
        tally is null ? [] : tally.Snapshot().Select(c => new Measurement<long>(c.Count, new TagList { { "operation", c.Operation }, { "outcome", c.Outcome } }));
}
