using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Platform;

/// <summary>
/// The app's answer to one function message, as the platform collects it from <c>acks.&lt;org&gt;.&lt;destination&gt;</c>:
/// the interim status texts in arrival order, then the final ActionAcknowledgementDTO (soar-protocol §4.2).
/// </summary>
public sealed record FunctionReply
{
    public required string CorrelationId { get; init; }

    public required string FunctionName { get; init; }

    /// <summary>The <c>message</c> of every <c>complete:false</c> reply, in order.</summary>
    public required IReadOnlyList<string> Statuses { get; init; }

    /// <summary>0 = info/success, 1 = error (the playbook fails).</summary>
    public required int MessageType { get; init; }

    public required string? Message { get; init; }

    /// <summary>The results envelope (version, success, reason, content, raw, inputs, metrics); null on errors.</summary>
    public required JObject? Results { get; init; }

    /// <summary>From publishing the message to receiving the final reply.</summary>
    public required TimeSpan Latency { get; init; }

    /// <summary>The final reply as received.</summary>
    public required JObject Final { get; init; }

    public bool IsError => MessageType != 0;

    /// <summary><c>results.content</c>, what playbook scripts read.</summary>
    public JToken? Content => Results?["content"];

    /// <summary><c>results.success</c> (a soft failure still has message_type 0).</summary>
    public bool Success => Results?["success"]?.Type == JTokenType.Boolean && Results.Value<bool>("success");
}
