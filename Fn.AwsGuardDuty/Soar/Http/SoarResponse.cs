using System.Net;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Http;

/// <summary>A fully read response (bodies are read inside the attempt so retries never leak connections).</summary>
internal sealed record SoarResponse(HttpStatusCode Status, string Body, TimeSpan? RetryAfter, IReadOnlyList<string> SetCookies)
{
    // Line info is one annotation object per token; nothing reads it.
    private static readonly JsonLoadSettings NoLineInfo = new() { LineInfoHandling = LineInfoHandling.Ignore };

    public int Attempts { get; init; } = 1;

    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>The body as JSON; null for an empty body. Throws <see cref="SoarProtocolException"/> when it is not JSON.</summary>
    public JToken? Json(string what)
    {
        if (string.IsNullOrWhiteSpace(Body))
        {
            return null;
        }

        try
        {
            return ParseVerbatim(Body);
        }
        catch (JsonException ex)
        {
            throw new SoarProtocolException($"SOAR returned a body that is not JSON for {what}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The integer <c>id</c> of the JSON object in the body, or null when it has none. The rest of the body is checked
    /// to be JSON and skipped, not built into tokens: a created incident or row comes back whole, and a caller that
    /// needs only its id should not pay for parsing it. Throws <see cref="SoarProtocolException"/> when the body is not
    /// a JSON object.
    /// </summary>
    public long? ObjectId(string what)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(Body)) { DateParseHandling = DateParseHandling.None };
            if (!ReadSkippingComments(reader) || reader.TokenType != JsonToken.StartObject)
            {
                throw new SoarProtocolException($"SOAR returned {(string.IsNullOrWhiteSpace(Body) ? "an empty body" : "JSON that is not an object")} for {what}");
            }

            long? id = null;
            while (ReadSkippingComments(reader) && reader.TokenType == JsonToken.PropertyName)
            {
                var isId = (string?)reader.Value == "id";
                if (!ReadSkippingComments(reader))
                {
                    break;
                }

                if (isId && reader.TokenType == JsonToken.Integer)
                {
                    id = reader.Value as long? ?? throw new SoarProtocolException($"SOAR returned an id out of range ({reader.Value}) for {what}");
                }
                else
                {
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonToken.EndObject || ReadSkippingComments(reader))
            {
                throw new JsonReaderException("Additional text found in JSON after the value, or the object is not closed.");
            }

            return id;
        }
        catch (JsonException ex)
        {
            throw new SoarProtocolException($"SOAR returned a body that is not JSON for {what}: {ex.Message}", ex);
        }
    }

    private static bool ReadSkippingComments(JsonTextReader reader)
    {
        while (reader.Read())
        {
            if (reader.TokenType != JsonToken.Comment)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>SOAR's <c>message</c> from an error body, or a short excerpt of a non-JSON body.</summary>
    public string? ServerMessage()
    {
        if (string.IsNullOrWhiteSpace(Body))
        {
            return null;
        }

        try
        {
            if (ParseVerbatim(Body) is JObject obj)
            {
                var message = obj.Value<string>("message") ?? obj.Value<string>("title") ?? obj.Value<string>("error");
                return message is null ? null : Trim(message);
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML error page from a proxy, say): quote the start of it.
        }

        return Trim(Body);
    }

    // SOAR sends date-like text in text fields and table cells; Newtonsoft's default would turn it into DateTime
    // and write it back in another format, so values are kept exactly as SOAR sent them.
    private static JToken ParseVerbatim(string body)
    {
        using var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None };
        var token = JToken.ReadFrom(reader, NoLineInfo);
        if (ReadSkippingComments(reader))
        {
            throw new JsonReaderException("Additional text found in JSON after the value.");
        }

        return token;
    }

    private static string Trim(string text)
    {
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length <= 300 ? text : text[..300] + "...";
    }
}
