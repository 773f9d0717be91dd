using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.GuardDuty.Http;

/// <summary>
/// Parses wire JSON without Newtonsoft's date sniffing: ISO strings such as <c>createdAt</c> must stay strings,
/// exactly as the service sent them.
/// </summary>
public static class WireJson
{
    public static JToken Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json))
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Double,
            MaxDepth = 256,
        };
        var token = JToken.ReadFrom(reader);
        while (reader.Read())
            if (reader.TokenType != JsonToken.Comment)
                throw new JsonReaderException("Additional text after the JSON value.");
        return token;
    }
}
