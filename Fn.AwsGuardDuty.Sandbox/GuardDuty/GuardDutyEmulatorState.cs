using System.Security.Cryptography;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.FindingGenerator;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Criteria;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Paging;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty;

/// <summary>
/// Everything the GuardDuty emulator holds, per account, region and detector, plus the switches tests turn at run
/// time: <see cref="Faults"/>, <see cref="Calls"/>, and the behaviour flags. The seeding methods are what tests and
/// the sandbox use to put findings in place; documents are stored as given (wire camelCase) and copied in and out.
/// </summary>
public sealed class GuardDutyEmulatorState
{
    private readonly Dictionary<(string AccountId, string Region), DetectorState> detectors = new();
    private readonly Dictionary<string, string> administrators = new(StringComparer.Ordinal);
    private readonly GuardDutyFindingGenerator sampleGenerator;
    private volatile bool bumpUpdatedAtOnChange;
    private volatile bool emptyNextTokenOnLastPage;

    internal GuardDutyEmulatorState(GuardDutyEmulatorOptions options)
    {
        Options = options;
        Clock = options.TimeProvider;
        Catalog = new FindingFieldCatalog(options.AdditionalCriterionFields);
        sampleGenerator = new GuardDutyFindingGenerator(options.SampleFindingSeed);
    }

    public FaultInjector Faults { get; } = new();

    public ApiCallCounter Calls { get; } = new();

    /// <summary>Whether archive, unarchive and feedback bump a finding's updatedAt (unverified on AWS; default off).</summary>
    public bool BumpUpdatedAtOnChange
    {
        get => bumpUpdatedAtOnChange;
        set => bumpUpdatedAtOnChange = value;
    }

    /// <summary>Send <c>"nextToken": ""</c> on the last page instead of leaving it out (clients must stop on both).</summary>
    public bool EmptyNextTokenOnLastPage
    {
        get => emptyNextTokenOnLastPage;
        set => emptyNextTokenOnLastPage = value;
    }

    internal GuardDutyEmulatorOptions Options { get; }

    internal Lock Gate { get; } = new();

    internal TimeProvider Clock { get; }

    /// <summary>Malware scans by id (StartMalwareScan), and the S3 objects sent for scanning (SendObjectMalwareScan).</summary>
    internal Dictionary<string, JObject> MalwareScans { get; } = new(StringComparer.Ordinal);

    internal List<JObject> ObjectScans { get; } = [];

    internal FindingFieldCatalog Catalog { get; }

    internal PageTokenCodec Tokens { get; } = new();

    internal GuardDutyFindingGenerator SampleGenerator => sampleGenerator;

    /// <summary>The account's detector in the region, created if there is none.</summary>
    public DetectorKey EnsureDetector(string accountId, string region)
    {
        lock (Gate)
        {
            return (DetectorIn(accountId, region) ?? AddDetector(accountId, region, null, null)).Key;
        }
    }

    /// <summary>Creates a detector (one per account and region, as AWS allows), optionally with a chosen id.</summary>
    public DetectorKey CreateDetector(string accountId, string region, string? detectorId = null)
    {
        lock (Gate)
        {
            if (DetectorIn(accountId, region) is not null)
            {
                throw new InvalidOperationException($"Account {accountId} already has a detector in {region}.");
            }

            return AddDetector(accountId, region, detectorId, null).Key;
        }
    }

    public bool DeleteDetector(DetectorKey key)
    {
        lock (Gate)
        {
            return FindDetector(key.AccountId, key.Region, key.DetectorId) is not null && detectors.Remove((key.AccountId, key.Region));
        }
    }

    public IReadOnlyList<DetectorKey> Detectors()
    {
        lock (Gate)
        {
            return detectors.Values.Select(detector => detector.Key).OrderBy(key => key.ToString(), StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>
    /// Makes <paramref name="administratorAccountId"/> the GuardDuty administrator (delegated administrator) of the
    /// members: its detector then lists, gets, counts, archives, unarchives and takes feedback on the findings of the
    /// members' detectors in the same region, as GuardDuty does for an organisation. A member has one administrator and
    /// is not an administrator itself.
    /// </summary>
    public void AddMembers(string administratorAccountId, IEnumerable<string> memberAccountIds)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(administratorAccountId);
        lock (Gate)
        {
            if (administrators.ContainsKey(administratorAccountId))
            {
                throw new ArgumentException($"Account {administratorAccountId} is a member; it cannot administer other accounts.");
            }

            foreach (var member in memberAccountIds)
            {
                if (member == administratorAccountId || administrators.ContainsValue(member))
                {
                    throw new ArgumentException($"Account {member} administers accounts; it cannot be a member.");
                }

                if (administrators.TryGetValue(member, out var current) && current != administratorAccountId)
                {
                    throw new ArgumentException($"Account {member} is already a member of {current}.");
                }

                administrators[member] = administratorAccountId;
            }
        }
    }

    /// <summary>The member accounts of an administrator, in account order.</summary>
    public IReadOnlyList<string> Members(string administratorAccountId)
    {
        lock (Gate)
        {
            return administrators.Where(pair => pair.Value == administratorAccountId).Select(pair => pair.Key)
                .OrderBy(id => id, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>
    /// Adds (or replaces, by id) a finding. <c>id</c>, <c>type</c> and a numeric <c>severity</c> are required;
    /// accountId, region, arn, service.detectorId, service.archived, createdAt and updatedAt are filled in when absent
    /// and must agree with the detector when present.
    /// </summary>
    public void AddFinding(DetectorKey detector, JObject finding) => AddFindings(detector, [finding]);

    public int AddFindings(DetectorKey detector, IEnumerable<JObject> findings)
    {
        var added = 0;
        lock (Gate)
        {
            var state = Require(detector);
            foreach (var finding in findings)
            {
                var document = Normalize(state, (JObject)finding.DeepClone());
                Put(state, Admit(state, document));
                added++;
            }

            state.FindingsChanged();
        }

        return added;
    }

    /// <summary>Adds a finding to the detector its own accountId, region and service.detectorId name, creating that detector if needed.</summary>
    public DetectorKey AddFinding(JObject finding)
    {
        var accountId = finding.Value<string>("accountId") ?? throw new ArgumentException("The finding has no accountId.");
        var region = finding.Value<string>("region") ?? throw new ArgumentException("The finding has no region.");
        var detectorId = finding.SelectToken("service.detectorId")?.Value<string>();
        DetectorKey key;
        lock (Gate)
        {
            var existing = DetectorIn(accountId, region);
            if (existing is not null && detectorId is not null && existing.Id != detectorId)
            {
                throw new ArgumentException($"Account {accountId} already has detector {existing.Id} in {region}, not {detectorId}.");
            }

            key = (existing ?? AddDetector(accountId, region, detectorId, null)).Key;
        }

        AddFinding(key, finding);
        return key;
    }

    /// <summary>
    /// Changes a stored finding as GuardDuty does when activity recurs: applies <paramref name="change"/>, then moves
    /// updatedAt and service.eventLastSeen to now (strictly later than before) and increments service.count.
    /// </summary>
    public JObject UpdateFinding(DetectorKey detector, string findingId, Action<JObject>? change = null)
    {
        lock (Gate)
        {
            var finding = RequireFinding(detector, findingId).Parse();
            change?.Invoke(finding);
            if (finding.Value<string>("id") != findingId)
            {
                throw new ArgumentException($"The change must not alter the id of finding {findingId}.");
            }

            var service = Service(finding);
            Touch(finding);
            service["count"] = (service.Value<int?>("count") ?? 0) + 1;
            service["eventLastSeen"] = finding["updatedAt"]!.DeepClone();
            var state = Require(detector);
            Put(state, Admit(state, finding));
            state.FindingsChanged();
            return finding;
        }
    }

    /// <summary>Sets service.archived directly (as if someone archived it in the console).</summary>
    public void SetArchived(DetectorKey detector, string findingId, bool archived)
    {
        lock (Gate)
        {
            var finding = RequireFinding(detector, findingId).Parse();
            Service(finding)["archived"] = archived;
            Store(Require(detector), finding);
        }
    }

    public JObject? GetFinding(DetectorKey detector, string findingId)
    {
        lock (Gate)
        {
            return Require(detector).Findings.TryGetValue(findingId, out var stored) ? stored.Parse() : null;
        }
    }

    public IReadOnlyList<JObject> Findings(DetectorKey detector)
    {
        lock (Gate)
        {
            return Require(detector).Findings.Values.Select(stored => stored.Parse()).ToList();
        }
    }

    public int FindingCount(DetectorKey detector)
    {
        lock (Gate)
        {
            return Require(detector).Findings.Count;
        }
    }

    /// <summary>Adds (or replaces) a member account of the detector, as ListMembers lists it (wire form, accountId required).</summary>
    public void AddMember(DetectorKey detector, JObject member)
    {
        var accountId = member.Value<string>("accountId") ?? throw new ArgumentException("A member needs an accountId.");
        lock (Gate)
        {
            Require(detector).Members[accountId] = (JObject)member.DeepClone();
        }
    }

    /// <summary>Adds (or replaces) a coverage entry (wire CoverageResource; resourceId required, detectorId and accountId filled in).</summary>
    public void AddCoverage(DetectorKey detector, JObject resource)
    {
        var resourceId = resource.Value<string>("resourceId") ?? throw new ArgumentException("A coverage resource needs a resourceId.");
        lock (Gate)
        {
            var copy = (JObject)resource.DeepClone();
            copy["detectorId"] ??= detector.DetectorId;
            copy["accountId"] ??= detector.AccountId;
            Require(detector).Coverage[resourceId] = copy;
        }
    }

    /// <summary>A malware scan as GetMalwareScan answers it (wire form), or null.</summary>
    public JObject? MalwareScan(string scanId)
    {
        lock (Gate)
        {
            return MalwareScans.TryGetValue(scanId, out var scan) ? (JObject)scan.DeepClone() : null;
        }
    }

    /// <summary>The S3 objects sent by SendObjectMalwareScan (wire <c>s3Object</c>), oldest first.</summary>
    public IReadOnlyList<JObject> ObjectMalwareScans()
    {
        lock (Gate)
        {
            return ObjectScans.Select(o => (JObject)o.DeepClone()).ToList();
        }
    }

    /// <summary>The detector's filters, in rank order, as GetFilter would describe them.</summary>
    public IReadOnlyList<FilterSnapshot> Filters(DetectorKey detector)
    {
        lock (Gate)
        {
            return Require(detector).Filters.Values.OrderBy(f => f.Rank).ThenBy(f => f.Name, StringComparer.Ordinal)
                .Select(f => new FilterSnapshot(f.Name, f.Action, f.Rank, f.Description, (JObject)f.CriteriaJson.DeepClone(), f.Version))
                .ToList();
        }
    }

    /// <summary>Removes the detector's filters and lists (a test's clean start); findings they archived stay archived.</summary>
    public void ClearFiltersAndLists(DetectorKey detector)
    {
        lock (Gate)
        {
            var state = Require(detector);
            state.Filters.Clear();
            foreach (var kind in ThreatListKind.All)
            {
                state.ThreatLists(kind).Clear();
            }
        }
    }

    public IReadOnlyList<ThreatListEntry> ThreatLists(DetectorKey detector, ThreatListKind kind)
    {
        lock (Gate)
        {
            return Require(detector).ThreatLists(kind).Values.OrderBy(entry => entry.Sequence).Select(entry => entry.Copy()).ToList();
        }
    }

    internal static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    internal DetectorState? DetectorIn(string accountId, string region) =>
        detectors.GetValueOrDefault((accountId, region));

    internal DetectorState? FindDetector(string accountId, string region, string detectorId) =>
        DetectorIn(accountId, region) is { } detector && detector.Id == detectorId ? detector : null;

    /// <summary>
    /// The detectors whose findings a call on <paramref name="detector"/> sees: its own, then (for an administrator) its
    /// members' detectors in the same region. Call under the lock.
    /// </summary>
    internal IReadOnlyList<DetectorState> FindingScope(DetectorState detector)
    {
        var scope = new List<DetectorState> { detector };
        foreach (var (member, administrator) in administrators.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (administrator == detector.AccountId && DetectorIn(member, detector.Region) is { } memberDetector)
            {
                scope.Add(memberDetector);
            }
        }

        return scope;
    }

    /// <summary>The detector in <paramref name="scope"/> that holds the finding, or null. Call under the lock.</summary>
    internal static DetectorState? Holder(IReadOnlyList<DetectorState> scope, string findingId) =>
        scope.FirstOrDefault(detector => detector.Findings.ContainsKey(findingId));

    internal IEnumerable<DetectorState> DetectorsOf(string accountId, string region) =>
        DetectorIn(accountId, region) is { } detector ? [detector] : [];

    internal DetectorState AddDetector(string accountId, string region, string? detectorId, string? clientToken)
    {
        if (detectorId is not null && (detectorId.Length is < 1 or > 300 || detectorId.Contains('/', StringComparison.Ordinal)))
        {
            throw new ArgumentException($"Detector id '{detectorId}' must be 1-300 characters without '/'.");
        }

        var detector = new DetectorState(detectorId ?? NewId(), accountId, region, Clock.GetUtcNow()) { ClientToken = clientToken };
        detectors[(accountId, region)] = detector;
        return detector;
    }

    internal void RemoveDetector(DetectorState detector) => detectors.Remove((detector.AccountId, detector.Region));

    /// <summary>Moves updatedAt to now, or 1 ms past its old value if the clock has not moved on.</summary>
    internal void Touch(JObject finding)
    {
        var now = Clock.GetUtcNow();
        if (finding.Value<string>("updatedAt") is { } previous && IsoTimestamp.TryParse(previous, out var old) && now <= old)
        {
            now = old.AddMilliseconds(1);
        }

        finding["updatedAt"] = IsoTimestamp.Format(now);
    }

    internal static JObject Service(JObject finding)
    {
        if (finding["service"] is not JObject service)
        {
            service = new JObject();
            finding["service"] = service;
        }

        return service;
    }

    /// <summary>
    /// A new or recurring finding as the detector keeps it: archived when one of the detector's ARCHIVE filters
    /// (suppression rules) matches it, as GuardDuty archives suppressed findings on arrival.
    /// </summary>
    /// <summary>
    /// Raised, under the state's lock and in order, when a finding is created, its updatedAt moves or it is archived or
    /// unarchived: when GuardDuty publishes a <c>GuardDuty Finding</c> event to EventBridge. The argument is the finding as stored.
    /// </summary>
    public event Action<DetectorKey, JObject>? FindingPublished;

    /// <summary>Stores <paramref name="stored"/> in <paramref name="detector"/> and raises <see cref="FindingPublished"/> when it is an event.</summary>
    internal void Put(DetectorState detector, StoredFinding stored)
    {
        detector.Findings.TryGetValue(stored.Id, out var before);
        detector.Findings[stored.Id] = stored;
        if (FindingPublished is not { } publish) return;
        var after = stored.Parse();
        var previous = before?.Parse();
        if (previous is null || previous.Value<string>("updatedAt") != after.Value<string>("updatedAt")
            || Service(previous).Value<bool?>("archived") != Service(after).Value<bool?>("archived"))
        {
            publish(detector.Key, after);
        }
    }

    internal StoredFinding Admit(DetectorState detector, JObject finding)
    {
        var stored = StoredFinding.Create(finding, Catalog);
        if (detector.Filters.Count == 0 || Service(finding).Value<bool?>("archived") == true || !detector.IsSuppressed(stored))
        {
            return stored;
        }

        Service(finding)["archived"] = true;
        return StoredFinding.Create(finding, Catalog);
    }

    /// <summary>Archives the detector's current findings that its ARCHIVE filters match (after a filter is saved).</summary>
    internal void ApplySuppression(DetectorState detector)
    {
        var changed = false;
        foreach (var stored in detector.Findings.Values.Where(detector.IsSuppressed).ToList())
        {
            var finding = stored.Parse();
            if (Service(finding).Value<bool?>("archived") != true)
            {
                Service(finding)["archived"] = true;
                Put(detector, StoredFinding.Create(finding, Catalog));
                changed = true;
            }
        }

        if (changed)
        {
            detector.FindingsChanged();
        }
    }

    private void Store(DetectorState detector, JObject finding)
    {
        Put(detector, StoredFinding.Create(finding, Catalog));
        detector.FindingsChanged();
    }

    private DetectorState Require(DetectorKey key) =>
        FindDetector(key.AccountId, key.Region, key.DetectorId) ?? throw new ArgumentException($"No detector {key}.");

    private StoredFinding RequireFinding(DetectorKey key, string findingId) =>
        Require(key).Findings.TryGetValue(findingId, out var stored) ? stored : throw new ArgumentException($"No finding {findingId} in detector {key}.");

    private JObject Normalize(DetectorState detector, JObject finding)
    {
        if (finding["id"] is not JValue { Type: JTokenType.String, Value: string id } || id.Length is < 1 or > 300)
        {
            throw new ArgumentException("A finding needs an 'id' string of 1-300 characters.");
        }

        if (finding["type"] is not JValue { Type: JTokenType.String })
        {
            throw new ArgumentException($"Finding {id} needs a 'type' string.");
        }

        if (finding["severity"] is not JValue { Type: JTokenType.Float or JTokenType.Integer })
        {
            throw new ArgumentException($"Finding {id} needs a numeric 'severity'.");
        }

        Agree(finding, "accountId", detector.AccountId, id);
        Agree(finding, "region", detector.Region, id);
        var service = Service(finding);
        Agree(service, "detectorId", detector.Id, id);
        service["archived"] ??= false;
        finding["arn"] ??= $"arn:aws:guardduty:{detector.Region}:{finding.Value<string>("accountId")}:detector/{detector.Id}/finding/{id}";
        finding["schemaVersion"] ??= "2.0";
        finding["partition"] ??= "aws";
        var now = IsoTimestamp.Format(Clock.GetUtcNow());
        finding["createdAt"] ??= now;
        finding["updatedAt"] ??= finding["createdAt"]!.DeepClone();
        foreach (var member in new[] { "createdAt", "updatedAt" })
        {
            if (finding[member] is not JValue { Type: JTokenType.String, Value: string text } || !IsoTimestamp.TryParse(text, out _))
            {
                throw new ArgumentException($"Finding {id}: '{member}' must be an ISO-8601 string such as 2024-11-19T18:12:05.011Z.");
            }
        }

        return finding;
    }

    private static void Agree(JObject owner, string member, string expected, string findingId)
    {
        var value = owner[member];
        if (value is null || value.Type == JTokenType.Null)
        {
            owner[member] = expected;
        }
        else if (value.Type != JTokenType.String || (string)value! != expected)
        {
            throw new ArgumentException($"Finding {findingId}: '{member}' is '{value}' but the detector's is '{expected}'.");
        }
    }
}
