namespace Fn.AwsGuardDuty.Sandbox.Platform;

/// <summary>Per-function round-trip samples of a <see cref="SoarPlatform"/>; thread-safe, and cheap enough for a benchmark.</summary>
public sealed class LatencyRecorder
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<TimeSpan>> _samples = new(StringComparer.Ordinal);

    public void Record(string functionName, TimeSpan latency)
    {
        lock (_gate)
        {
            if (!_samples.TryGetValue(functionName, out var list))
            {
                _samples[functionName] = list = [];
            }

            list.Add(latency);
        }
    }

    /// <summary>All calls, or the calls of one function.</summary>
    public LatencySummary Summary(string? functionName = null)
    {
        lock (_gate)
        {
            var samples = functionName is null
                ? _samples.Values.SelectMany(s => s).ToList()
                : _samples.GetValueOrDefault(functionName)?.ToList() ?? [];
            return LatencySummary.From(samples);
        }
    }

    public IReadOnlyDictionary<string, LatencySummary> ByFunction()
    {
        lock (_gate)
        {
            return _samples.ToDictionary(kv => kv.Key, kv => LatencySummary.From(kv.Value), StringComparer.Ordinal);
        }
    }

    /// <summary>Forgets every sample (e.g. after a warm-up).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _samples.Clear();
        }
    }
}
