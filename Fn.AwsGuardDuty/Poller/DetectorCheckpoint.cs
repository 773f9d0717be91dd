namespace Fn.AwsGuardDuty.Poller;

/// <summary>
/// What the poller remembers about one account, region and detector (one file in the state dir, see
/// <see cref="CheckpointStore"/>). Everything in it reflects only what SOAR has accepted. Owned by one detector
/// pass at a time, so it is not locked.
/// </summary>
public sealed class DetectorCheckpoint
{
    public DetectorCheckpoint(string callerAccountId, string region, string detectorId, bool isNew)
    {
        CallerAccountId = callerAccountId;
        Region = region;
        DetectorId = detectorId;
        IsNew = isNew;
    }

    /// <summary>The account of the credentials that read the detector (see <see cref="ICallerAccount"/>).</summary>
    public string CallerAccountId { get; }

    public string Region { get; }

    public string DetectorId { get; }

    /// <summary>The account of the findings (the finding's AccountId), once one was seen.</summary>
    public string? AccountId { get; set; }

    /// <summary>True when there was no usable file: the lookback window applies and open incidents are re-read from SOAR.</summary>
    public bool IsNew { get; }

    /// <summary>
    /// The updatedAt high-water mark (epoch ms): every finding listed with an updatedAt below it has been handled (or
    /// sits in <see cref="Retry"/>). Null before the first finding.
    /// </summary>
    public long? HighWater { get; set; }

    /// <summary>
    /// Findings handled at or near the mark, by id with the updatedAt they were handled at: those at exactly the mark
    /// (the boundary ids), those within the overlap window below it, and those above it. A finding listed again
    /// with the same updatedAt is skipped without asking SOAR.
    /// </summary>
    public Dictionary<string, long> Recent { get; } = new(StringComparer.Ordinal);

    /// <summary>Findings to retry by id (their handling failed), with the attempts so far.</summary>
    public Dictionary<string, RetryEntry> Retry { get; } = new(StringComparer.Ordinal);

    /// <summary>Findings whose incident was being created when this was saved: after a crash, their tables are checked.</summary>
    public HashSet<string> PendingCreates { get; } = new(StringComparer.Ordinal);

    /// <summary>Findings with an open incident (re-read from SOAR each cycle): the candidates of the archive reconciliation.</summary>
    public SortedSet<string> OpenIncidentFindings { get; } = new(StringComparer.Ordinal);

    /// <summary>Incidents SOAR would not close for lack of required fields, by finding id, with the template fingerprint tried.</summary>
    public Dictionary<string, string> CloseRefused { get; } = new(StringComparer.Ordinal);

    /// <summary>The last finding id the archive reconciliation checked (round robin over the open set).</summary>
    public string? ReconcileCursor { get; set; }

    /// <summary>True when the finding was handled at exactly this updatedAt.</summary>
    public bool IsDone(string findingId, long updatedAt) => Recent.TryGetValue(findingId, out var done) && done == updatedAt;

    /// <summary>Raises the mark (never lowers it) and forgets recent entries the next query cannot return unchanged.</summary>
    public void Advance(long candidate, TimeSpan overlap)
    {
        if (HighWater is { } current && candidate <= current) return;
        HighWater = candidate;
        var floor = candidate - (long)overlap.TotalMilliseconds;
        foreach (var (id, at) in Recent.ToList())
            if (at < floor) Recent.Remove(id);
    }

    /// <summary>The ids handled at exactly the mark.</summary>
    public IEnumerable<string> BoundaryIds() =>
        HighWater is { } mark ? Recent.Where(kv => kv.Value == mark).Select(kv => kv.Key).Order(StringComparer.Ordinal) : [];
}
