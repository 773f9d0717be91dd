using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// Copies the finding (the caller's object is never changed) and turns timestamp tokens into
/// "yyyy-MM-dd HH:mm:ss" text, as the reference does to boto3 datetimes. Findings should be parsed with
/// <c>DateParseHandling.None</c> so ISO strings such as CreatedAt stay as GuardDuty wrote them.
/// </summary>
internal static class FindingNormalizer
{
    public static JObject Normalize(JObject finding)
    {
        var copy = (JObject)finding.DeepClone();
        var dates = copy.Descendants().OfType<JValue>().Where(v => v.Type == JTokenType.Date).ToList();
        foreach (var date in dates)
            date.Replace(new JValue(ScalarText.From(date)));
        return copy;
    }
}
