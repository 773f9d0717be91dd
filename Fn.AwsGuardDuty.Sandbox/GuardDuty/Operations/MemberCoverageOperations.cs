using Fn.AwsGuardDuty.Sandbox.GuardDuty.Paging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Operations;

/// <summary>
/// ListMembers, ListCoverage and GetCoverageStatistics over what the sandbox seeded (members and coverage are not
/// derived from anything else). ListMembers: maxResults 1-50, <c>onlyAssociated</c> "true" (the default) keeps members
/// whose relationshipStatus is Enabled. ListCoverage: maxResults 1-50, filterCriteria with the model's criterion keys
/// and equals/notEquals (ACCOUNT_ID, RESOURCE_TYPE, COVERAGE_STATUS, INSTANCE_ID, EKS_CLUSTER_NAME, ECS_CLUSTER_NAME
/// are evaluated; the other keys of the enum are accepted and match nothing). GetCoverageStatistics: statisticsType
/// required (COUNT_BY_RESOURCE_TYPE, COUNT_BY_COVERAGE_STATUS).
/// </summary>
internal sealed class MemberCoverageOperations(GuardDutyEmulatorState state)
{
    private static readonly string[] CriterionKeys =
    [
        "ACCOUNT_ID", "RESOURCE_TYPE", "COVERAGE_STATUS", "ADDON_VERSION", "CLUSTER_NAME", "ECS_CLUSTER_NAME", "MANAGEMENT_TYPE",
        "EKS_CLUSTER_NAME", "AGENT_VERSION", "INSTANCE_ID", "CLUSTER_ARN",
    ];

    private static readonly string[] StatisticsTypes = ["COUNT_BY_RESOURCE_TYPE", "COUNT_BY_COVERAGE_STATUS"];

    public JObject ListMembers(GuardDutyCall call)
    {
        var maxResults = call.Query.Int("maxResults", 1, 50) ?? 50;
        var nextToken = call.Query.String("nextToken");
        var onlyAssociated = call.Query.String("onlyAssociated") ?? "true";
        if (onlyAssociated is not ("true" or "false"))
        {
            throw GuardDutyErrors.InvalidParameter("onlyAssociated");
        }

        lock (state.Gate)
        {
            var detector = DetectorResolver.Resolve(state, call);
            var members = detector.Members.Values
                .Where(m => onlyAssociated == "false" || m.Value<string>("relationshipStatus") == "Enabled").ToList();
            var hash = PageTokenCodec.QueryHash("ListMembers", call.AccountId, call.Region, detector.Id, onlyAssociated);
            var (page, token) = IdPager.Page(members.Select(m => m.Value<string>("accountId")!).ToList(), maxResults, nextToken, hash, state.Tokens);
            var response = new JObject { ["members"] = new JArray(page.Select(id => detector.Members[id].DeepClone())) };
            if (token is not null)
            {
                response["nextToken"] = token;
            }

            return response;
        }
    }

    public JObject ListCoverage(GuardDutyCall call)
    {
        var maxResults = call.Body.OptionalInt("maxResults", 1, 50) ?? 50;
        var nextToken = call.Body.OptionalString("nextToken");
        var conditions = Criteria(call.Body.Raw("filterCriteria"));
        lock (state.Gate)
        {
            var detector = DetectorResolver.Resolve(state, call);
            var ids = detector.Coverage.Values.Where(r => conditions.All(c => c(r))).Select(r => r.Value<string>("resourceId")!).ToList();
            var hash = PageTokenCodec.QueryHash("ListCoverage", call.AccountId, call.Region, detector.Id,
                call.Body.Raw("filterCriteria")?.ToString(Newtonsoft.Json.Formatting.None) ?? "");
            var (page, token) = IdPager.Page(ids, maxResults, nextToken, hash, state.Tokens);
            var response = new JObject { ["resources"] = new JArray(page.Select(id => detector.Coverage[id].DeepClone())) };
            if (token is not null)
            {
                response["nextToken"] = token;
            }

            return response;
        }
    }

    public JObject CoverageStatistics(GuardDutyCall call)
    {
        var types = call.Body.RequiredStringList("statisticsType", 2, 1, 100);
        if (types.Any(t => !StatisticsTypes.Contains(t)))
        {
            throw GuardDutyErrors.InvalidParameter("statisticsType");
        }

        var conditions = Criteria(call.Body.Raw("filterCriteria"));
        lock (state.Gate)
        {
            var resources = DetectorResolver.Resolve(state, call).Coverage.Values.Where(r => conditions.All(c => c(r))).ToList();
            var statistics = new JObject();
            if (types.Contains("COUNT_BY_RESOURCE_TYPE"))
            {
                statistics["countByResourceType"] = Counts(resources, r => r.SelectToken("resourceDetails.resourceType")?.Value<string>());
            }

            if (types.Contains("COUNT_BY_COVERAGE_STATUS"))
            {
                statistics["countByCoverageStatus"] = Counts(resources, r => r.Value<string>("coverageStatus"));
            }

            return new JObject { ["coverageStatistics"] = statistics };
        }
    }

    private static JObject Counts(IEnumerable<JObject> resources, Func<JObject, string?> key) =>
        new(resources.Select(key).OfType<string>().GroupBy(k => k, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new JProperty(g.Key, g.Count())));

    private static List<Func<JObject, bool>> Criteria(JToken? filterCriteria)
    {
        var conditions = new List<Func<JObject, bool>>();
        if (filterCriteria is null)
        {
            return conditions;
        }

        if (filterCriteria is not JObject criteria || criteria["filterCriterion"] is not (JArray or null))
        {
            throw GuardDutyErrors.InvalidParameter("filterCriteria");
        }

        foreach (var criterion in criteria["filterCriterion"] as JArray ?? [])
        {
            var key = criterion["criterionKey"]?.Value<string>();
            if (key is null || !CriterionKeys.Contains(key) || criterion["filterCondition"] is not JObject condition)
            {
                throw GuardDutyErrors.InvalidParameter("filterCriteria");
            }

            var equals = condition["equals"] as JArray;
            var notEquals = condition["notEquals"] as JArray;
            if (equals is null == (notEquals is null))
            {
                throw GuardDutyErrors.InvalidParameter("filterCriteria");
            }

            var values = (equals ?? notEquals)!.Select(v => v.Value<string>()).ToHashSet(StringComparer.Ordinal);
            var wanted = equals is not null;
            conditions.Add(resource => values.Contains(Value(resource, key)) == wanted);
        }

        return conditions;
    }

    private static string? Value(JObject resource, string key) => key switch
    {
        "ACCOUNT_ID" => resource.Value<string>("accountId"),
        "RESOURCE_TYPE" => resource.SelectToken("resourceDetails.resourceType")?.Value<string>(),
        "COVERAGE_STATUS" => resource.Value<string>("coverageStatus"),
        "INSTANCE_ID" => resource.SelectToken("resourceDetails.ec2InstanceDetails.instanceId")?.Value<string>(),
        "EKS_CLUSTER_NAME" => resource.SelectToken("resourceDetails.eksClusterDetails.clusterName")?.Value<string>(),
        "ECS_CLUSTER_NAME" => resource.SelectToken("resourceDetails.ecsClusterDetails.clusterName")?.Value<string>(),
        _ => null,
    };
}
