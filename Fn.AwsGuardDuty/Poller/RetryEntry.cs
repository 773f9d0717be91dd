namespace Fn.AwsGuardDuty.Poller;

/// <summary>A finding whose handling failed: retried by id in later cycles until SOAR accepts it.</summary>
/// <param name="Attempts">Failed attempts so far.</param>
/// <param name="Invalid">The finding itself cannot be mapped (given up after a few cycles, unlike SOAR or network faults).</param>
public sealed record RetryEntry(int Attempts, bool Invalid, string? LastError);
