using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Reliability.Support;

/// <summary>
/// Grows a generated finding (wire JSON) past a size, the way real findings grow: a large
/// <c>service.additionalInfo.value</c> (GuardDuty puts free-form JSON there), fifty 256-character resource tags and
/// long user-controlled strings. Deterministic for a seed.
/// </summary>
public static class HugeFinding
{
    public static JObject Grow(JObject finding, int minimumBytes, int seed)
    {
        var random = new Random(seed);
        var tags = new JArray();
        for (var i = 0; i < 50; i++)
        {
            tags.Add(new JObject { ["key"] = $"tag-{i:00}-" + Text(random, 40), ["value"] = Text(random, 256) });
        }

        if (finding.SelectToken("resource.instanceDetails") is JObject instance)
        {
            instance["tags"] = tags;
        }

        var service = (JObject)finding["service"]!;
        var info = new JObject();
        var index = 0;
        while (Size(finding, service, info) < minimumBytes)
        {
            // About 1 kB each, so a few hundred at a time; mixed content (ASCII, accents, CJK, an emoji) so that
            // truncation must respect UTF-8 boundaries.
            var missing = minimumBytes - Size(finding, service, info);
            for (var i = 0; i <= missing / 1000; i++)
            {
                info[$"observation_{index++:00000}"] = Text(random, 900) + " é中文🙂";
            }
        }

        return finding;
    }

    public static int Utf8Size(JObject finding) => Encoding.UTF8.GetByteCount(finding.ToString(Formatting.None));

    private static int Size(JObject finding, JObject service, JObject info)
    {
        service["additionalInfo"] = new JObject { ["value"] = info.ToString(Formatting.None), ["type"] = "default" };
        return Utf8Size(finding);
    }

    private static string Text(Random random, int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_./:";
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }
}
