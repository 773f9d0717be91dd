using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Circuits;

/// <summary>What a handler returns: the envelope's <c>content</c>, and a soft success flag with a reason (the workflow continues either way).</summary>
public sealed record FunctionResult(JToken? Content, bool Success = true, string? Reason = null)
{
    public static FunctionResult Ok(object? content) => new(ToToken(content));

    public static FunctionResult Failed(object? content, string reason) => new(ToToken(content), false, reason);

    private static JToken? ToToken(object? content) => content switch
    {
        null => null,
        JToken token => token,
        _ => JToken.FromObject(content),
    };
}
