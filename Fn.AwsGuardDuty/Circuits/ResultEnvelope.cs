using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Circuits;

/// <summary>
/// The standard results envelope every function returns, in the shape IBM's fn_aws_guardduty produced (seed
/// document): <c>version</c> the string "1.0", <c>success</c>, <c>reason</c>, <c>content</c>, <c>raw</c> (content as a
/// JSON string), <c>inputs</c> (normalized) and <c>metrics</c>, in that key order.
/// </summary>
public sealed record ResultEnvelope(bool Success, string? Reason, JToken? Content, JObject Inputs, ResultMetrics Metrics)
{
    public string Version => "1.0";

    /// <summary>The content serialized the way Python's json.dumps writes it.</summary>
    public string Raw => PythonStyleJson.Serialize(Content);

    public static ResultEnvelope Create(FunctionResult result, FunctionInputs inputs, ResultMetrics metrics) =>
        new(result.Success, result.Reason, result.Content, inputs.ToJObject(), metrics);

    public JObject ToJson() => new()
    {
        ["version"] = Version,
        ["success"] = Success,
        ["reason"] = Reason,
        ["content"] = Content?.DeepClone() ?? JValue.CreateNull(),
        ["raw"] = Raw,
        ["inputs"] = Inputs.DeepClone(),
        ["metrics"] = Metrics.ToJson(),
    };
}
