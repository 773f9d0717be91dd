using System.Collections.Concurrent;
using Fn.AwsGuardDuty.Circuits;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Circuits;

/// <summary>Shared record of what the test handlers did: runs per call, and the peak of concurrent runs.</summary>
public sealed class CallLog
{
    private int _running;
    private int _peak;

    public ConcurrentDictionary<string, int> RunsByCorrelation { get; } = new();

    /// <summary>Completed when a call starts; tests use it to act while a handler is mid-run.</summary>
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Blocking handlers wait on this gate.</summary>
    public TaskCompletionSource Gate { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Peak => Volatile.Read(ref _peak);

    public int TotalRuns => RunsByCorrelation.Values.Sum();

    public IDisposable Enter(FunctionCall call)
    {
        RunsByCorrelation.AddOrUpdate(call.Metadata.CorrelationId ?? "?", 1, (_, n) => n + 1);
        var now = Interlocked.Increment(ref _running);
        int peak;
        while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
        {
        }

        Started.TrySetResult();
        return new Exit(this);
    }

    private sealed class Exit(CallLog log) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref log._running);
    }
}

/// <summary>Two statuses, then echoes its inputs and metadata.</summary>
public sealed class EchoHandler(CallLog log) : IFunctionHandler
{
    public string Name => "fn_test_echo";

    public async Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        using var _ = log.Enter(call);
        var text = call.Inputs.GetString("in_text");
        await call.SendStatusAsync("status one", cancellationToken);
        await call.SendStatusAsync("status two", cancellationToken);
        return FunctionResult.Ok(new JObject
        {
            ["echo"] = text,
            ["principal"] = call.Metadata.PrincipalName,
            ["workflow_instance_id"] = call.Metadata.WorkflowInstanceId,
            ["has_context_token"] = call.Metadata.ContextToken is not null,
        });
    }
}

/// <summary>Reports a status, then throws an unexpected exception.</summary>
public sealed class RaisingHandler : IFunctionHandler
{
    public string Name => "fn_test_raise";

    public async Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        await call.SendStatusAsync("about to raise", cancellationToken);
        throw new InvalidOperationException("deliberate failure");
    }
}

public sealed class FunctionErrorHandler : IFunctionHandler
{
    public string Name => "fn_test_fnerror";

    public Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken) =>
        throw new FunctionErrorException("explicit FunctionError text");
}

/// <summary>Needs a numeric incident_id and a finding_id; returns a soft failure when told to.</summary>
public sealed class RequiredInputsHandler(CallLog log) : IFunctionHandler
{
    public string Name => "fn_test_required";

    public Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        var incidentId = call.Inputs.GetRequiredInt64("incident_id");
        var findingId = call.Inputs.GetRequiredString("finding_id");
        using var _ = log.Enter(call);
        return Task.FromResult(call.Inputs.GetBoolean("soft_fail") == true
            ? FunctionResult.Failed(new JObject { ["status"] = "error", ["msg"] = "not found" }, "finding not found")
            : FunctionResult.Ok(new JObject { ["incident_id"] = incidentId, ["finding_id"] = findingId }));
    }
}

/// <summary>Sleeps delay_ms (honouring cancellation), or waits for the log's gate when block=true.</summary>
public sealed class SlowHandler(CallLog log) : IFunctionHandler
{
    public string Name => "fn_test_slow";

    public async Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
    {
        using var _ = log.Enter(call);
        if (call.Inputs.GetBoolean("block") == true)
        {
            await log.Gate.Task.WaitAsync(cancellationToken);
        }
        else
        {
            await Task.Delay(TimeSpan.FromMilliseconds(call.Inputs.GetInt64("delay_ms") ?? 100), cancellationToken);
        }

        return FunctionResult.Ok(new JObject { ["status"] = "ok", ["n"] = call.Inputs.GetInt64("n") });
    }
}
