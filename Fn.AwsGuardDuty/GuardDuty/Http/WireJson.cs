using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.GuardDuty.Http;

/// <summary>
/// Parses wire JSON without Newtonsoft's date sniffing: ISO strings such as <c>createdAt</c> must stay strings,
/// exactly as the service sent them.
/// </summary>
public static class WireJson
{
    // Line info is one annotation object per token (and DeepClone copies it); nothing reads it.
    private static readonly JsonLoadSettings NoLineInfo = new() { LineInfoHandling = LineInfoHandling.Ignore };

    public static JToken Parse(string json) =>
        Read(new JsonTextReader(new StringReader(json))) ?? throw new JsonReaderException("Unexpected end when reading JSON.");

    /// <summary>Parses UTF-8 JSON from <paramref name="utf8"/>; null when it holds nothing but white space.</summary>
    public static JToken? Parse(Stream utf8)
    {
        var reader = new JsonTextReader(new StreamReader(utf8, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 4096, leaveOpen: false));
        return Read(reader);
    }

    private static JToken? Read(JsonTextReader json)
    {
        using var reader = json;
        reader.DateParseHandling = DateParseHandling.None;
        reader.FloatParseHandling = FloatParseHandling.Double;
        reader.MaxDepth = 256;
        if (!reader.Read()) return null;
        var token = JToken.ReadFrom(reader, NoLineInfo);
        while (reader.Read())
            if (reader.TokenType != JsonToken.Comment)
                throw new JsonReaderException("Additional text after the JSON value.");
        return token;
    }
}
