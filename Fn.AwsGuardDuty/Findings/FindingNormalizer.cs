using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// Copies the finding (the caller's object is never changed) and turns timestamp tokens into
/// "yyyy-MM-dd HH:mm:ss" text, as the reference does to boto3 datetimes. Findings should be parsed with
/// <c>DateParseHandling.None</c> so ISO strings such as CreatedAt stay as GuardDuty wrote them.
/// </summary>
internal static class FindingNormalizer
{
    public static JObject Normalize(JObject finding) => (JObject)Copy(finding);

    // One pass: the copy is made with the dates already as text (a clone followed by a search-and-replace walked
    // and allocated the tree twice per finding).
    private static JToken Copy(JToken token)
    {
        switch (token)
        {
            case JObject obj:
                var copy = new JObject();
                foreach (var property in JsonMembers.Of(obj))
                    copy.Add(new JProperty(property.Name, Copy(property.Value)));
                return copy;
            case JArray array:
                var items = new JArray();
                for (var i = 0; i < array.Count; i++)
                    items.Add(Copy(array[i]));
                return items;
            case JValue { Type: JTokenType.Date } date:
                return new JValue(ScalarText.From(date));
            default:
                return token.DeepClone();
        }
    }
}
