using System.Net;
using Fn.AwsGuardDuty.GuardDuty.Errors;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.GuardDuty.Http;

/// <summary>
/// Reads a GuardDuty error response (wire spec §6.2): the code comes from <c>x-amzn-ErrorType</c> (split at ':'),
/// the body's <c>__type</c> is kept as a sub-type, the message from <c>x-amzn-ErrorMessage</c> or the body.
/// </summary>
internal static class GuardDutyErrorParser
{
    private const int MaxEchoedBody = 200;

    public static GuardDutyServiceException Parse(
        string operation, string region, HttpStatusCode status, Func<string, string?> header, string? body)
    {
        JObject? json = TryParseObject(body);
        var headerCode = CleanCode(header("x-amzn-ErrorType"));
        var bodyType = CleanCode(StringMember(json, "__type"));
        var bodyCode = CleanCode(StringMember(json, "code") ?? StringMember(json, "Code"));
        var code = headerCode ?? bodyType ?? bodyCode ?? $"Http{(int)status}";

        var message = header("x-amzn-ErrorMessage");
        if (string.IsNullOrWhiteSpace(message)) message = StringMember(json, "message") ?? StringMember(json, "Message");
        if (string.IsNullOrWhiteSpace(message)) message = json is null ? Excerpt(body) : null;
        if (string.IsNullOrWhiteSpace(message)) message = "(no message)";

        var requestId = header("x-amzn-RequestId") ?? header("x-amz-request-id");
        return new GuardDutyServiceException(operation, region, status, code, bodyType, message!, requestId);
    }

    /// <summary>"BadRequestException:http://…" → "BadRequestException"; "aws.proto#FooError" → "FooError".</summary>
    internal static string? CleanCode(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var code = raw.Trim();
        var colon = code.IndexOf(':');
        if (colon >= 0) code = code[..colon];
        var hash = code.LastIndexOf('#');
        if (hash >= 0) code = code[(hash + 1)..];
        return code.Length == 0 ? null : code;
    }

    private static JObject? TryParseObject(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            return WireJson.Parse(body) as JObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? StringMember(JObject? json, string name) =>
        json?.TryGetValue(name, StringComparison.Ordinal, out var token) == true && token.Type == JTokenType.String
            ? (string?)token
            : null;

    private static string? Excerpt(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        var flat = string.Join(' ', body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= MaxEchoedBody ? flat : flat[..MaxEchoedBody] + "…";
    }
}
