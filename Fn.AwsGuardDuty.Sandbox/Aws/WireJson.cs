using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Aws;

/// <summary>
/// JSON reading and writing for AWS wire documents. Dates stay strings: GuardDuty sends ISO timestamps as
/// plain strings and Newtonsoft would otherwise turn them into <see cref="DateTime"/> and re-render them.
/// </summary>
public static class WireJson
{
    public static JToken Parse(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text))
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Double,
            MaxDepth = 128,
        };
        var token = JToken.ReadFrom(reader);
        while (reader.Read())
        {
            if (reader.TokenType != JsonToken.Comment)
            {
                throw new JsonReaderException("Unexpected content after the JSON document.");
            }
        }

        return token;
    }

    public static JObject ParseObject(string text) =>
        Parse(text) as JObject ?? throw new JsonReaderException("The JSON document is not an object.");

    public static string Serialize(JToken token) => token.ToString(Formatting.None);
}
