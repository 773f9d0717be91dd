using System.Text.RegularExpressions;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Criteria;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Paging;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Operations;

/// <summary>
/// CreateFilter, GetFilter, UpdateFilter, DeleteFilter and ListFilters, with the model's rules: name 3-64 of
/// <c>[A-Za-z0-9._-]</c>, description up to 512, action NOOP (the default) or ARCHIVE, rank 1-100, findingCriteria
/// required on create (its <c>matches</c>/<c>notMatches</c> allowed), at most 100 filters per account and Region.
/// A filter whose action is ARCHIVE is a suppression rule: the findings it matches are archived when it is saved
/// (the existing ones) and as they arrive (see <see cref="GuardDutyEmulatorState"/>). Unverified on AWS and chosen
/// here: a rank not given is one past the highest rank; a duplicate name is a BadRequestException; timestamps and
/// version are returned as the model lists them.
/// </summary>
internal sealed partial class FilterOperations(GuardDutyEmulatorState state)
{
    public const int MaxFiltersPerDetector = 100;

    public JObject List(GuardDutyCall call)
    {
        var maxResults = call.Query.Int("maxResults", 1, 50) ?? 50;
        var nextToken = call.Query.String("nextToken");
        lock (state.Gate)
        {
            var detector = DetectorResolver.Resolve(state, call);
            var names = detector.Filters.Values.OrderBy(f => f.Rank).ThenBy(f => f.Name, StringComparer.Ordinal).Select(f => f.Name).ToList();
            var hash = PageTokenCodec.QueryHash("ListFilters", call.AccountId, call.Region, detector.Id);
            var (page, token) = Page(names, maxResults, nextToken, hash);
            return ListResponse.Build("filterNames", page, token, state.EmptyNextTokenOnLastPage);
        }
    }

    public JObject Create(GuardDutyCall call)
    {
        var name = Name(call.Body.RequiredString("name"));
        var description = call.Body.OptionalString("description", 0, 512);
        var action = call.Body.OptionalEnum("action", FilterEntry.Noop, FilterEntry.Archive) ?? FilterEntry.Noop;
        var rank = call.Body.OptionalInt("rank", 1, 100);
        var criteriaJson = call.Body.Raw("findingCriteria") as JObject ?? throw GuardDutyErrors.InvalidParameter("findingCriteria");
        var criteria = Parse(criteriaJson);
        var clientToken = call.Body.OptionalString("clientToken", 0, 64);
        var tags = call.Body.OptionalTags();
        lock (state.Gate)
        {
            var detector = DetectorResolver.Resolve(state, call);
            if (detector.Filters.TryGetValue(name, out var existing))
            {
                return existing.ClientToken is { Length: > 0 } && existing.ClientToken == clientToken
                    ? new JObject { ["name"] = name }
                    : throw GuardDutyErrors.BadRequest($"The request is rejected because a filter with the name {name} already exists.");
            }

            if (detector.Filters.Count >= MaxFiltersPerDetector)
            {
                throw GuardDutyErrors.BadRequest(
                    $"The request is rejected because the current account has reached the maximum number of filters ({MaxFiltersPerDetector}) in this Region.");
            }

            var filter = new FilterEntry(name, state.Clock.GetUtcNow())
            {
                Action = action,
                Rank = rank ?? (detector.Filters.Count == 0 ? 1 : Math.Min(100, detector.Filters.Values.Max(f => f.Rank) + 1)),
                Description = description,
                CriteriaJson = (JObject)criteriaJson.DeepClone(),
                Criteria = criteria,
                ClientToken = clientToken,
                Tags = tags ?? new Dictionary<string, string>(),
            };
            detector.Filters[name] = filter;
            state.ApplySuppression(detector);
            return new JObject { ["name"] = name };
        }
    }

    public JObject Get(GuardDutyCall call)
    {
        lock (state.Gate)
        {
            var filter = Resolve(call);
            var response = new JObject
            {
                ["name"] = filter.Name,
                ["action"] = filter.Action,
                ["rank"] = filter.Rank,
                ["findingCriteria"] = filter.CriteriaJson.DeepClone(),
                ["createdAt"] = filter.CreatedAt.ToUnixTimeSeconds(),
                ["updatedAt"] = filter.UpdatedAt.ToUnixTimeSeconds(),
                ["version"] = filter.Version,
            };
            if (filter.Description is not null)
            {
                response["description"] = filter.Description;
            }

            if (filter.Tags.Count > 0)
            {
                response["tags"] = JObject.FromObject(filter.Tags);
            }

            return response;
        }
    }

    public JObject Update(GuardDutyCall call)
    {
        var description = call.Body.OptionalString("description", 0, 512);
        var action = call.Body.OptionalEnum("action", FilterEntry.Noop, FilterEntry.Archive);
        var rank = call.Body.OptionalInt("rank", 1, 100);
        var criteriaToken = call.Body.Raw("findingCriteria");
        var criteriaJson = criteriaToken is null ? null : criteriaToken as JObject ?? throw GuardDutyErrors.InvalidParameter("findingCriteria");
        var criteria = criteriaJson is null ? null : Parse(criteriaJson);
        lock (state.Gate)
        {
            var filter = Resolve(call);
            filter.Description = description ?? filter.Description;
            filter.Action = action ?? filter.Action;
            filter.Rank = rank ?? filter.Rank;
            if (criteriaJson is not null && criteria is not null)
            {
                filter.CriteriaJson = (JObject)criteriaJson.DeepClone();
                filter.Criteria = criteria;
            }

            filter.Version++;
            filter.UpdatedAt = state.Clock.GetUtcNow();
            state.ApplySuppression(DetectorResolver.Resolve(state, call));
            return new JObject { ["name"] = filter.Name };
        }
    }

    public JObject Delete(GuardDutyCall call)
    {
        lock (state.Gate)
        {
            var filter = Resolve(call);
            DetectorResolver.Resolve(state, call).Filters.Remove(filter.Name);
            return new JObject();
        }
    }

    private FindingCriteria Parse(JObject criteriaJson)
    {
        var criteria = new FindingCriteriaParser(state.Catalog, filterOperators: true).Parse(criteriaJson);
        return criteria.Conditions.Count > 0 ? criteria : throw GuardDutyErrors.InvalidParameter("findingCriteria");
    }

    private FilterEntry Resolve(GuardDutyCall call)
    {
        var detector = DetectorResolver.Resolve(state, call);
        return detector.Filters.GetValueOrDefault(call.Route.ThreatListId ?? "") ?? throw GuardDutyErrors.NoSuchResource();
    }

    // Filters list in rank order, so the cursor is the position after the last name returned.
    private (IReadOnlyList<string> Page, string? NextToken) Page(List<string> names, int maxResults, string? nextToken, string hash)
    {
        var start = 0;
        if (!string.IsNullOrEmpty(nextToken))
        {
            var cursor = state.Tokens.Decode(nextToken, hash);
            start = cursor.Value<int?>("p") is { } position and >= 0 ? position : throw GuardDutyErrors.InvalidParameter("nextToken");
        }

        var page = names.Skip(start).Take(maxResults).ToList();
        var end = start + page.Count;
        return (page, end < names.Count && page.Count > 0 ? state.Tokens.Encode(hash, new JObject { ["p"] = end }) : null);
    }

    private static string Name(string name) =>
        name.Length is < 3 or > 64 ? throw GuardDutyErrors.OutOfRange()
        : NamePattern().IsMatch(name) ? name : throw GuardDutyErrors.InvalidParameter("name");

    [GeneratedRegex(@"^[A-Za-z0-9._-]+$")]
    private static partial Regex NamePattern();
}
