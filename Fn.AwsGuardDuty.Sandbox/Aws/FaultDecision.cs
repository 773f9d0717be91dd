namespace Fn.AwsGuardDuty.Sandbox.Aws;

/// <summary>What happens to one call: an added delay, and the fault to answer with (null: serve it normally).</summary>
public readonly record struct FaultDecision(TimeSpan Latency, FaultKind? Fault);
