using System.Collections.Concurrent;
using Fn.AwsGuardDuty.Circuits;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Stomp;

/// <summary>
/// A test function: two statuses, then (when <c>block</c> is true) waits for <see cref="Gate"/>, then echoes
/// <c>in_text</c>. Counts its runs per correlation id so tests can tell "answered once" from "ran once".
/// </summary>
public sealed class GateHandler : IFunctionHandler
{
    public const string FunctionName = "fn_sandbox_gate";

    public string Name => FunctionName;

    public ConcurrentDictionary<string, int> Runs { get; } = new();

    /// <summary>Completed when a run starts.</summary>
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Running;

    public async Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        Runs.AddOrUpdate(call.Metadata.CorrelationId ?? "?", 1, (_, n) => n + 1);
        Interlocked.Increment(ref Running);
        try
        {
            Started.TrySetResult();
            await call.SendStatusAsync("status one", cancellationToken);
            await call.SendStatusAsync("status two", cancellationToken);
            if (call.Inputs.GetBoolean("block") == true)
            {
                await Gate.Task.WaitAsync(cancellationToken);
            }

            // A JValue made from a null string has type String; the app's envelope writer trips on it (reported), so say null plainly.
            var echo = call.Inputs.GetString("in_text") is { } text ? new JValue(text) : JValue.CreateNull();
            return FunctionResult.Ok(new JObject
            {
                ["status"] = "ok",
                ["echo"] = echo,
                ["workflow_instance_id"] = call.Metadata.WorkflowInstanceId is { } w ? new JValue(w) : JValue.CreateNull(),
                ["playbook_instance_id"] = call.Metadata.PlaybookInstanceId is { } p ? new JValue(p) : JValue.CreateNull(),
                ["has_context_token"] = call.Metadata.ContextToken is not null,
            });
        }
        finally
        {
            Interlocked.Decrement(ref Running);
        }
    }
}
