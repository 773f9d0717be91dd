using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Circuits;

/// <summary>One invocation of a function: its normalized inputs, metadata, and a way to post interim status.</summary>
public sealed class FunctionCall(
    FunctionInputs inputs, FunctionMetadata metadata, JObject message, Func<string, CancellationToken, Task> sendStatus)
{
    public FunctionInputs Inputs { get; } = inputs;

    public FunctionMetadata Metadata { get; } = metadata;

    /// <summary>The whole message body, for the rare handler that needs a key the framework does not surface.</summary>
    public JObject Message { get; } = message;

    /// <summary>Sends <c>{"message_type":0,"message":text,"complete":false}</c> to the platform now (shown in the action status).</summary>
    public Task SendStatusAsync(string text, CancellationToken cancellationToken = default) =>
        sendStatus(string.IsNullOrEmpty(text) ? "(No status)" : text, cancellationToken);
}
