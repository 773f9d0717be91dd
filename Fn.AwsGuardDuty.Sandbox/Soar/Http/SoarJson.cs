using System.Text;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Http;

/// <summary>Request and response JSON, with dates left as text (SOAR takes ISO strings or epoch ms; we decide, not the parser).</summary>
internal static class SoarJson
{
    public static async Task<JToken?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        return Parse(text);
    }

    public static JToken? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            using var json = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double };
            var token = JToken.ReadFrom(json);
            if (json.Read())
            {
                throw SoarHttpException.BadRequest("The request body holds more than one JSON value.");
            }

            return token;
        }
        catch (JsonReaderException e)
        {
            throw SoarHttpException.BadRequest($"The request body is not valid JSON: {e.Message}");
        }
    }

    public static async Task WriteAsync(HttpResponse response, int status, JToken body, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(body.ToString(Formatting.None));
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SOAR's error body.</summary>
    public static JObject Error(string message, string? title = null) => new()
    {
        ["success"] = false,
        ["title"] = title,
        ["message"] = message,
        ["hints"] = new JArray(),
        ["error_code"] = "generic",
    };
}
