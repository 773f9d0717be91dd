using System.Text.RegularExpressions;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Faults;

/// <summary>The armed fault rules. Thread-safe; rules apply in the order added and the first failing one wins.</summary>
public sealed class SoarFaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<ArmedFault> _rules = [];

    /// <summary>Arms a rule; dispose the result to disarm it.</summary>
    public ArmedFault Add(SoarFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (fault.EveryNth < 1 || fault.Count < 1 || fault.Latency < TimeSpan.Zero || fault.Status is < 0 or > 599 or (> 0 and < 400))
        {
            throw new ArgumentException("A fault needs EveryNth >= 1, Count >= 1 when set, a non-negative latency and a 4xx/5xx status (or 0).", nameof(fault));
        }

        if (fault.AfterHandling && fault.Status == 0)
        {
            throw new ArgumentException("A fault that answers after handling the call needs a 4xx/5xx status.", nameof(fault));
        }

        var armed = new ArmedFault(this, fault with { Pattern = fault.Route is null ? null : new Regex(fault.Route, RegexOptions.CultureInvariant) });
        lock (_gate)
        {
            _rules.Add(armed);
        }

        return armed;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>How many times armed rules have failed or delayed a call.</summary>
    public int Fired
    {
        get
        {
            lock (_gate)
            {
                return _rules.Sum(r => r.Fired);
            }
        }
    }

    internal SoarFaultDecision Decide(string routeKey, string call)
    {
        var latency = TimeSpan.Zero;
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                var fault = rule.Fault;
                if (fault.Pattern is not null && !fault.Pattern.IsMatch(routeKey) && !fault.Pattern.IsMatch(call))
                {
                    continue;
                }

                if (fault.Count is { } limit && rule.Fired >= limit)
                {
                    continue;
                }

                rule.Matched++;
                if (rule.Matched % fault.EveryNth != 0)
                {
                    continue;
                }

                rule.Fired++;
                latency += fault.Latency;
                if (fault.Status > 0)
                {
                    return new SoarFaultDecision(latency, fault.Status, fault.Message, fault.AfterHandling, fault.FromGateway);
                }
            }
        }

        return new SoarFaultDecision(latency, 0, null);
    }

    private void Remove(ArmedFault armed)
    {
        lock (_gate)
        {
            _rules.Remove(armed);
        }
    }

    /// <summary>An armed rule: how often it fired so far; dispose it to disarm it.</summary>
    public sealed class ArmedFault(SoarFaultInjector owner, SoarFault fault) : IDisposable
    {
        internal SoarFault Fault { get; } = fault;

        internal long Matched { get; set; }

        /// <summary>How many calls this rule has failed or delayed.</summary>
        public int Fired { get; internal set; }

        public void Dispose() => owner.Remove(this);
    }
}
