using Fn.AwsGuardDuty.Sandbox.Soar.Http;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.State;

/// <summary>Reads a comment DTO: <c>{"text": {"format": "text"|"html", "content": "..."}}</c> or <c>{"text": "..."}</c>.</summary>
internal static class SoarCommentParser
{
    public static (string Format, string Content) Parse(JObject comment)
    {
        switch (comment["text"])
        {
            case JValue { Type: JTokenType.String } text when !string.IsNullOrEmpty(text.Value<string>()):
                return ("html", text.Value<string>()!);
            case JObject rich:
                var format = rich["format"]?.Value<string?>() ?? "html";
                if (format is not ("text" or "html"))
                {
                    throw SoarHttpException.BadRequest($"Comment format '{format}' is not supported; use \"text\" or \"html\".");
                }

                var content = rich["content"];
                if (content is null || content.Type != JTokenType.String || string.IsNullOrEmpty(content.Value<string>()))
                {
                    throw SoarHttpException.BadRequest("The comment needs non-empty text content.");
                }

                return (format, content.Value<string>()!);
            default:
                throw SoarHttpException.BadRequest("The comment needs \"text\": a string or {\"format\", \"content\"}.");
        }
    }
}
