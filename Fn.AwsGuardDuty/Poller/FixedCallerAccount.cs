namespace Fn.AwsGuardDuty.Poller;

/// <summary>An account known up front (for a caller that has already asked STS, or that owns the detectors it hands over).</summary>
public sealed class FixedCallerAccount(string accountId) : ICallerAccount
{
    public Task<string> GetAccountIdAsync(CancellationToken cancellationToken) => Task.FromResult(accountId);
}
