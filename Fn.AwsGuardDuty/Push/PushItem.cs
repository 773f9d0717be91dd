using Fn.AwsGuardDuty.Poller;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Push;

/// <summary>What one SQS message turned out to be, and so what the receiver does with it.</summary>
public abstract record PushItem;

/// <summary>
/// A <c>GuardDuty Finding</c> event. <see cref="Finding"/> is the detail in wire form (as GetFindings returns it, the
/// poller's type), <see cref="Boto"/> the boto3-shaped copy the mapper takes; <see cref="Region"/> is the finding's region.
/// </summary>
public sealed record PushFinding(EventBridgeEvent Event, PolledFinding Finding, JObject Boto, string Region) : PushItem
{
    /// <summary>
    /// How often the queue has delivered this message (ApproximateReceiveCount): above 1, an earlier attempt may have
    /// died between the SOAR create and the delete, leaving the incident without its table rows.
    /// </summary>
    public int ReceiveCount { get; init; } = 1;
}

/// <summary>A Malware Protection for S3 scan that found threats: one incident per object version.</summary>
public sealed record PushMalware(EventBridgeEvent Event, MalwareScanIncident Incident) : PushItem;

/// <summary>Read and understood, but nothing to escalate (other scan statuses, other events): counted and deleted.</summary>
public sealed record PushIgnored(EventBridgeEvent Event, PushIgnoredReason Reason, string Detail) : PushItem;

/// <summary>Not JSON, not an event, or a finding/scan result that does not parse: left on the queue for its redrive policy.</summary>
public sealed record PushUnreadable(string Reason) : PushItem;

public enum PushIgnoredReason
{
    /// <summary>A malware scan result other than THREATS_FOUND (NO_THREATS_FOUND, UNSUPPORTED, ACCESS_DENIED, FAILED).</summary>
    MalwareScanWithoutThreats,

    /// <summary>Any other source or detail-type.</summary>
    UnknownEvent,
}
