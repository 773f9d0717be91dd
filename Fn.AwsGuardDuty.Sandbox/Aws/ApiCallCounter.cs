using System.Collections.Concurrent;

namespace Fn.AwsGuardDuty.Sandbox.Aws;

/// <summary>
/// Counts authenticated calls per service, operation and region (faulted calls included: a retry is a call).
/// The benchmark reads it for "GuardDuty calls per finding".
/// </summary>
public sealed class ApiCallCounter
{
    private readonly ConcurrentDictionary<(string Service, string Operation, string Region), long> counts = new();

    public void Record(string service, string operation, string region) =>
        counts.AddOrUpdate((service, operation, region), 1, (_, current) => current + 1);

    /// <summary>Calls of one operation (e.g. <c>ListFindings</c>), all regions.</summary>
    public long Count(string operation) =>
        counts.Where(pair => pair.Key.Operation == operation).Sum(pair => pair.Value);

    public long Count(string operation, string region) =>
        counts.Where(pair => pair.Key.Operation == operation && pair.Key.Region == region).Sum(pair => pair.Value);

    /// <summary>All calls to one service (<c>guardduty</c> or <c>ec2</c>).</summary>
    public long TotalFor(string service) =>
        counts.Where(pair => pair.Key.Service == service).Sum(pair => pair.Value);

    public long Total => counts.Sum(pair => pair.Value);

    /// <summary>Operation name → calls, all services and regions.</summary>
    public IReadOnlyDictionary<string, long> ByOperation() =>
        counts.GroupBy(pair => pair.Key.Operation).ToDictionary(group => group.Key, group => group.Sum(pair => pair.Value));

    public void Reset() => counts.Clear();
}
