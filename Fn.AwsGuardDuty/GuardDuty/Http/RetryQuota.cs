namespace Fn.AwsGuardDuty.GuardDuty.Http;

/// <summary>
/// The retry quota of the AWS SDKs' standard retry mode (AWS SDKs and Tools reference guide, "Retry behavior"): a bucket
/// of 500 tokens shared by every call of a client; a retry costs 5 tokens (10 after a timeout or network fault) and is not
/// made when the bucket cannot pay; a call that succeeds gives back what its retries cost, or 1 token when it needed none.
/// During an outage retries stop once the bucket is empty, instead of multiplying the load.
/// </summary>
public sealed class RetryQuota
{
    public const int InitialTokens = 500;
    public const int RetryCost = 5;
    public const int TimeoutRetryCost = 10;
    public const int NoRetryIncrement = 1;

    private readonly object _gate = new();
    private int _available = InitialTokens;

    public int Available
    {
        get
        {
            lock (_gate)
            {
                return _available;
            }
        }
    }

    /// <summary>Takes the cost of one retry; false (nothing taken) when the quota is spent.</summary>
    public bool TryAcquire(bool timeoutOrNetwork, out int cost)
    {
        cost = timeoutOrNetwork ? TimeoutRetryCost : RetryCost;
        lock (_gate)
        {
            if (_available < cost)
            {
                cost = 0;
                return false;
            }

            _available -= cost;
            return true;
        }
    }

    /// <summary>A call succeeded: <paramref name="retryCost"/> is what its last retry took (0 when it had none).</summary>
    public void OnSuccess(int retryCost)
    {
        lock (_gate)
        {
            _available = Math.Min(InitialTokens, _available + (retryCost > 0 ? retryCost : NoRetryIncrement));
        }
    }
}
