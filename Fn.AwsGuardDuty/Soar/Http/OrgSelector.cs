using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Http;

/// <summary>
/// Picks the configured org from the session's <c>orgs[]</c> as resilient does: in list order, the first org whose
/// cloud_account, uuid or name equals the setting; it must be enabled. Every failure lists the user's orgs.
/// </summary>
internal static class OrgSelector
{
    public static IReadOnlyList<SoarOrg> ReadOrgs(JToken? session)
    {
        if (session?["orgs"] is not JArray orgs)
        {
            return [];
        }

        var list = new List<SoarOrg>(orgs.Count);
        foreach (var org in orgs.OfType<JObject>())
        {
            if (org["id"] is not { Type: JTokenType.Integer } id)
            {
                continue;
            }

            list.Add(new SoarOrg(
                id.Value<long>(),
                org.Value<string>("name") ?? "",
                org["uuid"]?.Type is JTokenType.String ? org.Value<string>("uuid") : null,
                org["cloud_account"]?.Type is JTokenType.String ? org.Value<string>("cloud_account") : null,
                org["enabled"]?.Type == JTokenType.Boolean && org.Value<bool>("enabled")));
        }

        return list;
    }

    public static SoarOrg Select(IReadOnlyList<SoarOrg> orgs, string? configured)
    {
        var available = orgs.Count == 0 ? "none" : string.Join(", ", orgs.Select(o => $"'{o.Name}'" + (o.Enabled ? "" : " (disabled)")));
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new SoarOrgException($"No SOAR org is configured ([resilient] org); the user's orgs are: {available}", orgs);
        }

        var wanted = configured.Trim();
        var match = orgs.FirstOrDefault(o => o.CloudAccount == wanted || o.Uuid == wanted || o.Name == wanted);
        if (match is null)
        {
            throw new SoarOrgException(
                $"The user is not a member of the specified organization '{wanted}' (matched against cloud_account, uuid and name); the user's orgs are: {available}",
                orgs);
        }

        if (!match.Enabled)
        {
            throw new SoarOrgException($"The organization '{match.Name}' (id {match.Id}) is not accessible: it is disabled; the user's orgs are: {available}", orgs);
        }

        return match;
    }
}
