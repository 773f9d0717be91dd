using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.GuardDuty.Criteria;

/// <summary><c>{"attributeName": "updatedAt", "orderBy": "ASC"}</c> for ListFindings and GetFindings.</summary>
public sealed record SortCriteria(string AttributeName, SortOrder OrderBy = SortOrder.Ascending)
{
    public static SortCriteria UpdatedAtAscending { get; } = new("updatedAt");

    public JObject ToJson()
    {
        if (string.IsNullOrWhiteSpace(AttributeName)) throw new ArgumentException("Sort criteria need an attribute name.");
        return new JObject
        {
            ["attributeName"] = AttributeName,
            ["orderBy"] = OrderBy == SortOrder.Ascending ? "ASC" : "DESC",
        };
    }
}
