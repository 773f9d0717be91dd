using Fn.AwsGuardDuty.Sandbox.GuardDuty.Criteria;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;

/// <summary>One detector with its findings, filters, IPSets, ThreatIntelSets and entity sets. Guarded by the emulator state's lock.</summary>
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

    /// <summary>Member accounts of this (administrator) detector, wire form, by account id.</summary>
    public SortedDictionary<string, JObject> Members { get; } = new(StringComparer.Ordinal);

    /// <summary>Coverage of the detector's resources (wire CoverageResource), by resource id.</summary>
    public SortedDictionary<string, JObject> Coverage { get; } = new(StringComparer.Ordinal);

    /// <summary>Suppression rules and saved filters by name.</summary>
    public Dictionary<string, FilterEntry> Filters { get; } = new(StringComparer.Ordinal);

    private Dictionary<ThreatListKind, Dictionary<string, ThreatListEntry>> Lists { get; } =
        ThreatListKind.All.ToDictionary(kind => kind, _ => new Dictionary<string, ThreatListEntry>(StringComparer.Ordinal));

    /// <summary>Bumped on every change to the findings; cached query results of an older version are stale.</summary>
    public long Version { get; private set; }

    private Dictionary<string, CachedFindingQuery> QueryCache { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ThreatListEntry> ThreatLists(ThreatListKind kind) => Lists[kind];

    /// <summary>Whether an ARCHIVE filter of this detector matches the finding (GuardDuty then archives it).</summary>
    public bool IsSuppressed(StoredFinding finding) =>
        Filters.Values.Any(filter => filter.Action == FilterEntry.Archive && filter.Criteria.Matches(finding));

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
