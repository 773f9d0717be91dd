using Fn.AwsGuardDuty.Sandbox.GuardDuty.Criteria;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;

/// <summary>One detector with its findings, IPSets and ThreatIntelSets. Guarded by the emulator state's lock.</summary>
internal sealed class DetectorState(string id, string accountId, string region, DateTimeOffset createdAt)
{
    private const int MaxCachedQueries = 16;
    private long sequence;

    public string Id { get; } = id;

    public string AccountId { get; } = accountId;

    public string Region { get; } = region;

    public DetectorKey Key => new(AccountId, Region, Id);

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset UpdatedAt { get; set; } = createdAt;

    public string Status { get; set; } = "ENABLED";

    public string FindingPublishingFrequency { get; set; } = "SIX_HOURS";

    public string? ClientToken { get; init; }

    public Dictionary<string, string> Tags { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, StoredFinding> Findings { get; } = new(StringComparer.Ordinal);

    /// <summary>Member accounts whose findings this (administrator) detector lists too.</summary>
    public HashSet<string> Members { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ThreatListEntry> IpSets { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ThreatListEntry> ThreatIntelSets { get; } = new(StringComparer.Ordinal);

    /// <summary>Bumped on every change to the findings; cached query results of an older version are stale.</summary>
    public long Version { get; private set; }

    private Dictionary<string, CachedFindingQuery> QueryCache { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ThreatListEntry> ThreatLists(ThreatListKind kind) =>
        kind == ThreatListKind.IpSet ? IpSets : ThreatIntelSets;

    public long NextSequence() => ++sequence;

    public void FindingsChanged()
    {
        Version++;
        QueryCache.Clear();
    }

    public FindingSortEntry[]? CachedQuery(string queryHash) =>
        QueryCache.TryGetValue(queryHash, out var cached) && cached.Version == Version ? cached.Entries : null;

    public void CacheQuery(string queryHash, FindingSortEntry[] entries)
    {
        if (QueryCache.Count >= MaxCachedQueries)
        {
            QueryCache.Clear();
        }

        QueryCache[queryHash] = new CachedFindingQuery(Version, entries);
    }
}
