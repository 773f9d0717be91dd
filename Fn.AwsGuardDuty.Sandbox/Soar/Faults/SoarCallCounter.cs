using System.Collections.Concurrent;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Faults;

/// <summary>
/// Calls per endpoint key ("POST /rest/orgs/{org}/incidents"), counted as they arrive, before auth and faults, so a
/// retried call counts twice, as it costs twice. Unknown paths count under "GET (unmatched)" and the like.
/// </summary>
public sealed class SoarCallCounter
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public long Total => _counts.Values.Sum();

    public long this[string key] => _counts.GetValueOrDefault(key);

    /// <summary>The count for a method and a template, e.g. <c>Get("POST", "/rest/orgs/{org}/incidents")</c>.</summary>
    public long Get(string method, string template) => this[$"{method} {template}"];

    public IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(_counts, StringComparer.Ordinal);

    public void Reset() => _counts.Clear();

    internal void Add(string key) => _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
}
