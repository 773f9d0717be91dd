namespace Fn.AwsGuardDuty.Sandbox.Soar.Faults;

/// <summary>What the fault rules decided for one call.</summary>
internal readonly record struct SoarFaultDecision(TimeSpan Latency, int Status, string? Message);
