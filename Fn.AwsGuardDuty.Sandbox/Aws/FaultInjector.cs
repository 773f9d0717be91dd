namespace Fn.AwsGuardDuty.Sandbox.Aws;

/// <summary>
/// Run-time switchable faults for an emulator: throttling, server errors, denied regions and added latency.
/// Every rule that applies to a call sees it (so counters advance together); the first rule that fires wins.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock gate = new();
    private readonly List<FaultRule> rules = [];
    private TimeSpan latency;
    private long injected;

    /// <summary>Delay added before every call is answered (faulted or not).</summary>
    public TimeSpan Latency
    {
        get
        {
            lock (gate)
            {
                return latency;
            }
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            lock (gate)
            {
                latency = value;
            }
        }
    }

    /// <summary>How many calls got a fault so far.</summary>
    public long InjectedCount => Interlocked.Read(ref injected);

    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            lock (gate)
            {
                return rules.ToList();
            }
        }
    }

    public FaultRule Add(FaultRule rule)
    {
        lock (gate)
        {
            rules.Add(rule);
        }

        return rule;
    }

    public bool Remove(FaultRule rule)
    {
        lock (gate)
        {
            return rules.Remove(rule);
        }
    }

    /// <summary>Removes every rule and the latency, and zeroes <see cref="InjectedCount"/>.</summary>
    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
            latency = TimeSpan.Zero;
            Interlocked.Exchange(ref injected, 0);
        }
    }

    public FaultRule ThrottleEveryNthCall(int n, string? operation = null) =>
        Add(new FaultRule(FaultKind.Throttle, new EveryNthCallTrigger(n)) { Operation = operation });

    public FaultRule ThrottleBurst(int count, int skip = 0, string? operation = null) =>
        Add(new FaultRule(FaultKind.Throttle, new BurstTrigger(count, skip)) { Operation = operation });

    public FaultRule ThrottleRandomly(double probability, int seed, string? operation = null) =>
        Add(new FaultRule(FaultKind.Throttle, new ProbabilityTrigger(probability, seed)) { Operation = operation });

    public FaultRule FailEveryNthCall(int n, string? operation = null) =>
        Add(new FaultRule(FaultKind.InternalError, new EveryNthCallTrigger(n)) { Operation = operation });

    public FaultRule FailBurst(int count, int skip = 0, string? operation = null) =>
        Add(new FaultRule(FaultKind.InternalError, new BurstTrigger(count, skip)) { Operation = operation });

    /// <summary>Every call to <paramref name="service"/> in <paramref name="region"/> gets 403 access denied.</summary>
    public FaultRule DenyRegion(string region, string service = "guardduty") =>
        Add(new FaultRule(FaultKind.AccessDenied, new AlwaysTrigger()) { Region = region, Service = service });

    /// <summary>Undoes <see cref="DenyRegion"/>.</summary>
    public void AllowRegion(string region)
    {
        lock (gate)
        {
            rules.RemoveAll(rule => rule.Kind == FaultKind.AccessDenied && rule.Trigger is AlwaysTrigger && rule.Region == region);
        }
    }

    public FaultDecision Evaluate(string service, string operation, string region, string accountId)
    {
        FaultRule[] candidates;
        TimeSpan delay;
        lock (gate)
        {
            candidates = rules.Where(rule => rule.AppliesTo(service, operation, region, accountId)).ToArray();
            delay = latency;
        }

        FaultKind? fault = null;
        foreach (var rule in candidates)
        {
            if (rule.Trigger.ShouldFire() && fault is null)
            {
                fault = rule.Kind;
            }
        }

        if (fault is not null)
        {
            Interlocked.Increment(ref injected);
        }

        return new FaultDecision(delay, fault);
    }
}
