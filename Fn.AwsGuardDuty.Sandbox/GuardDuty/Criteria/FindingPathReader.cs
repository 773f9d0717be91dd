using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Criteria;

/// <summary>Reads the scalar values at a dotted path; a path that crosses an array yields every element's value.</summary>
internal static class FindingPathReader
{
    public static List<JValue> Values(JToken root, string path)
    {
        var current = new List<JToken> { root };
        foreach (var segment in path.Split('.'))
        {
            var next = new List<JToken>();
            foreach (var token in current)
            {
                foreach (var item in Expand(token))
                {
                    if (item is JObject obj && obj.TryGetValue(segment, StringComparison.Ordinal, out var child))
                    {
                        next.Add(child);
                    }
                }
            }

            current = next;
            if (current.Count == 0)
            {
                return [];
            }
        }

        return current.SelectMany(Expand).OfType<JValue>().Where(value => value.Type != JTokenType.Null).ToList();
    }

    private static IEnumerable<JToken> Expand(JToken token) =>
        token is JArray array ? array.SelectMany(Expand) : [token];
}
