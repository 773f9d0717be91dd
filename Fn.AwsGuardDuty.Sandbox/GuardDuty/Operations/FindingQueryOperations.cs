using Fn.AwsGuardDuty.Sandbox.GuardDuty.Criteria;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Paging;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Operations;

/// <summary>
/// ListFindings and GetFindings. A ListFindings page starts strictly after the cursor's (sort key, id), so a finding
/// added or changed behind the cursor is not returned twice and nothing ahead of the cursor is skipped; a finding
/// whose sort key moves from ahead of the cursor to behind it during paging is missed by that pass (as with any
/// keyset paging) and shows up in the next poll. The sorted result is cached per query while the detector is unchanged.
/// An administrator's detector also sees its members' findings in the region (<see cref="GuardDutyEmulatorState.AddMembers"/>).
/// </summary>
internal sealed class FindingQueryOperations(GuardDutyEmulatorState state)
{
    private const int MaxIds = 50;

    public JObject List(GuardDutyCall call)
    {
        var criteria = new FindingCriteriaParser(state.Catalog).Parse(call.Body.Raw("findingCriteria"));
        var sort = FindingSort.Parse(call.Body.Raw("sortCriteria"), state.Catalog);
        var maxResults = call.Body.OptionalInt("maxResults", 1, 50) ?? 50;
        var nextToken = call.Body.OptionalString("nextToken");
        lock (state.Gate)
        {
            var detector = DetectorResolver.Resolve(state, call);
            var scope = state.FindingScope(detector);
            var hash = PageTokenCodec.QueryHash("ListFindings", call.AccountId, call.Region, detector.Id, criteria.Canonical, sort.Canonical);
            var entries = scope.Count == 1
                ? detector.CachedQuery(hash) ?? Evaluate(detector, criteria, sort, hash)
                : EvaluateScope(scope, criteria, sort);
            var start = string.IsNullOrEmpty(nextToken) ? 0 : After(entries, Cursor(nextToken, hash), sort);
            var count = Math.Min(maxResults, entries.Length - start);
            var ids = new List<string>(count);
            for (var i = 0; i < count; i++)
            {
                ids.Add(entries[start + i].Id);
            }

            string? token = null;
            if (start + count < entries.Length && count > 0)
            {
                var last = entries[start + count - 1];
                token = state.Tokens.Encode(hash, new JObject { ["k"] = last.Key.ToJson(), ["i"] = last.Id });
            }

            return ListResponse.Build("findingIds", ids, token, state.EmptyNextTokenOnLastPage);
        }
    }

    public JObject Get(GuardDutyCall call)
    {
        var ids = call.Body.RequiredStringList("findingIds", MaxIds, 1, 300);
        var sortToken = call.Body.Raw("sortCriteria");
        var sort = sortToken is null ? null : FindingSort.Parse(sortToken, state.Catalog);
        lock (state.Gate)
        {
            var scope = state.FindingScope(DetectorResolver.Resolve(state, call));
            var found = ids.Distinct(StringComparer.Ordinal)
                .Select(id => GuardDutyEmulatorState.Holder(scope, id)?.Findings.GetValueOrDefault(id))
                .OfType<StoredFinding>()
                .ToList();
            if (sort is not null)
            {
                found = found.OrderBy(sort.EntryFor, sort).ToList();
            }

            return new JObject { ["findings"] = new JArray(found.Select(finding => new JRaw(finding.JsonText))) };
        }
    }

    private static FindingSortEntry[] Evaluate(DetectorState detector, FindingCriteria criteria, FindingSort sort, string hash)
    {
        var entries = detector.Findings.Values
            .Where(criteria.Matches)
            .Select(sort.EntryFor)
            .ToArray();
        Array.Sort(entries, sort);
        detector.CacheQuery(hash, entries);
        return entries;
    }

    // An administrator's view spans its members' detectors, whose changes its own cache would not see: evaluated each time.
    private static FindingSortEntry[] EvaluateScope(IReadOnlyList<DetectorState> scope, FindingCriteria criteria, FindingSort sort)
    {
        var entries = scope.SelectMany(detector => detector.Findings.Values)
            .Where(criteria.Matches)
            .Select(sort.EntryFor)
            .ToArray();
        Array.Sort(entries, sort);
        return entries;
    }

    private FindingSortEntry Cursor(string token, string hash)
    {
        var cursor = state.Tokens.Decode(token, hash);
        try
        {
            return new FindingSortEntry(SortValue.FromJson(cursor["k"]!), cursor.Value<string>("i")!);
        }
        catch (Exception exception) when (exception is FormatException or InvalidCastException or NullReferenceException or ArgumentException)
        {
            throw GuardDutyErrors.InvalidParameter("nextToken");
        }
    }

    /// <summary>Index of the first entry ordered strictly after <paramref name="cursor"/>.</summary>
    private static int After(FindingSortEntry[] entries, FindingSortEntry cursor, FindingSort sort)
    {
        int low = 0, high = entries.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (sort.Compare(entries[middle], cursor) <= 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
