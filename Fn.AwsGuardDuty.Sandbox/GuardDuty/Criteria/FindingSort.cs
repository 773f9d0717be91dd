using Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Criteria;

/// <summary>
/// A <c>sortCriteria</c>: one attribute path and a direction. Without one the emulator orders by createdAt ascending
/// (the real default is not documented). Ties are always broken by finding id ascending, so the order is total and a
/// (key, id) cursor is exact.
/// </summary>
internal sealed class FindingSort : IComparer<FindingSortEntry>
{
    public FindingSort(string attribute, bool descending, bool isTimestamp)
    {
        Attribute = attribute;
        Descending = descending;
        IsTimestamp = isTimestamp;
    }

    public string Attribute { get; }

    public bool Descending { get; }

    public bool IsTimestamp { get; }

    public string Canonical => $"{Attribute}\u0001{(Descending ? "DESC" : "ASC")}";

    public static FindingSort Parse(JToken? sortCriteria, FindingFieldCatalog catalog)
    {
        if (sortCriteria is null || sortCriteria.Type == JTokenType.Null)
        {
            return new FindingSort("createdAt", false, true);
        }

        if (sortCriteria is not JObject sort)
        {
            throw GuardDutyErrors.InvalidParameter("sortCriteria");
        }

        var attribute = sort["attributeName"];
        var orderBy = sort["orderBy"];
        if (attribute is not null && attribute.Type != JTokenType.Null && !IsPath(attribute))
        {
            throw GuardDutyErrors.InvalidParameter("sortCriteria");
        }

        var descending = false;
        if (orderBy is not null && orderBy.Type != JTokenType.Null)
        {
            descending = orderBy is JValue { Type: JTokenType.String, Value: "DESC" }
                ? true
                : orderBy is JValue { Type: JTokenType.String, Value: "ASC" } ? false : throw GuardDutyErrors.InvalidParameter("orderBy");
        }

        var path = attribute is JValue { Type: JTokenType.String } ? (string)attribute! : "createdAt";
        return new FindingSort(path, descending, catalog.IsTimestamp(path));
    }

    public FindingSortEntry EntryFor(StoredFinding finding) => new(SortValue.Of(finding, Attribute, IsTimestamp), finding.Id);

    public int Compare(FindingSortEntry x, FindingSortEntry y)
    {
        var byKey = x.Key.CompareTo(y.Key);
        if (byKey != 0)
        {
            return Descending ? -byKey : byKey;
        }

        return string.CompareOrdinal(x.Id, y.Id);
    }

    private static bool IsPath(JToken token) =>
        token is JValue { Type: JTokenType.String, Value: string path }
        && path.Length is > 0 and <= 300
        && path.Split('.').All(segment => segment.Length > 0 && segment.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'));
}
