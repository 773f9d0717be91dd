namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>One SOAR function's calls through the broker and their round trip (publish to final reply).</summary>
public sealed record FunctionLatency(string Function, int Calls, TimeSpan P50, TimeSpan P99);
