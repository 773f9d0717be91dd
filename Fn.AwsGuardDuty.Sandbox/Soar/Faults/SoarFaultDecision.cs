namespace Fn.AwsGuardDuty.Sandbox.Soar.Faults;

/// <summary>
/// What the fault rules decided for one call; <paramref name="AfterHandling"/>: answer <paramref name="Status"/> only
/// after applying the call; <paramref name="FromGateway"/>: answer with a gateway's HTML page.
/// </summary>
internal readonly record struct SoarFaultDecision(TimeSpan Latency, int Status, string? Message, bool AfterHandling = false, bool FromGateway = false);
