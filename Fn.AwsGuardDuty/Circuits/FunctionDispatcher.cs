using System.Diagnostics;
using Fn.AwsGuardDuty.Metrics;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Circuits;

/// <summary>
/// Message in, reply out, with no transport: parses a function message, normalizes its inputs, finds the handler,
/// runs it (at most <see cref="FunctionListenerOptions.NumWorkers"/> at once) and wraps the outcome in the reply SOAR
/// expects. Every outcome is a <see cref="FinalReply"/>: a message that cannot be run (not JSON, no function, an
/// unknown function, bad input) and a handler that fails are answered with an error naming the problem. The only
/// exception that leaves is the cancellation of <c>abort</c> (shutdown): that call is not answered, so it is redelivered.
/// <para>
/// Deliberate difference from resilient-circuits: a message that cannot be run (body not JSON, no <c>function</c>,
/// unknown function, missing or invalid input) gets an error reply (message_type 1) naming the problem, and the
/// listener ACKs it with that reply. The Python framework never ACKs bad JSON, so it comes back after every reconnect
/// (a poison message) and holds a prefetch slot meanwhile; and it answers an unknown function "Completed" with no
/// results, which hides a misrouted call.
/// </para>
/// </summary>
public sealed class FunctionDispatcher : IDisposable
{
    private readonly FunctionHandlerRegistry _registry;
    private readonly FunctionListenerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _workers;
    private readonly string _host = Environment.MachineName;
    private readonly AppMetrics? _metrics;

    /// <param name="metrics">Where each call is counted by function and outcome, with its run time; none when null.</param>
    public FunctionDispatcher(FunctionHandlerRegistry registry, FunctionListenerOptions options, ILogger logger, TimeProvider? timeProvider = null,
        AppMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _registry = registry;
        _options = options;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        _metrics = metrics;
        _workers = new SemaphoreSlim(options.NumWorkers, options.NumWorkers);
    }

    /// <summary>The function names served, for logs.</summary>
    public IReadOnlyCollection<string> Names => _registry.Names;

    /// <summary>
    /// Runs one message. <paramref name="sendStatus"/> posts a status text to the caller (the handler's
    /// <see cref="FunctionCall.SendStatusAsync"/>). Throws <see cref="OperationCanceledException"/> only when
    /// <paramref name="abort"/> is cancelled.
    /// </summary>
    public async Task<FinalReply> DispatchAsync(FunctionRequest request, Func<string, CancellationToken, Task> sendStatus, CancellationToken abort)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await RunAsync(request, sendStatus, abort).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Nothing may leave a message unanswered for good: it would hold a prefetch slot and its redeliveries
            // would be ignored as "already running".
            _logger.LogError(ex, "Message {MessageId} could not be processed; it is answered with an error", request.MessageId);
            return new FinalReply(request.ReplyTo, request.CorrelationId, ActionReply.Exception(ex), true);
        }
    }

    public void Dispose() => _workers.Dispose();

    private async Task<FinalReply> RunAsync(FunctionRequest request, Func<string, CancellationToken, Task> sendStatus, CancellationToken abort)
    {
        var (messageId, replyTo, correlationId) = (request.MessageId, request.ReplyTo, request.CorrelationId);
        FunctionMessage parsed;
        try
        {
            parsed = FunctionMessageParser.Parse(request);
        }
        catch (InvalidFunctionMessageException ex)
        {
            _metrics?.FunctionCall(AppMetrics.UnknownFunction, MetricOutcomes.Rejected);
            _logger.LogWarning("Rejected message {MessageId} (correlation {CorrelationId}): {Reason}. It is ACKed{Reply}",
                messageId, correlationId, ex.Message, replyTo is null ? " (no reply-to, so no reply)" : " and answered with an error");
            return new FinalReply(replyTo, correlationId, ActionReply.Error(ex.Message), true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _metrics?.FunctionCall(AppMetrics.UnknownFunction, MetricOutcomes.Rejected);
            _logger.LogError(ex, "Message {MessageId} (correlation {CorrelationId}) could not be read; it is ACKed and answered with an error",
                messageId, correlationId);
            return new FinalReply(replyTo, correlationId, ActionReply.Error($"the message could not be read: {ex.Message}"), true);
        }

        if (!_registry.TryGet(parsed.FunctionName, out var handler))
        {
            var served = _registry.Names.Count == 0 ? "none" : string.Join(", ", _registry.Names);
            var text = $"function '{parsed.FunctionName}' is not served by this app on {_options.SubscribeDestination}; functions served: {served}";
            _logger.LogWarning("Rejected message {MessageId}: {Reason}", messageId, text);
            _metrics?.FunctionCall(AppMetrics.UnknownFunction, MetricOutcomes.Rejected);
            return new FinalReply(replyTo, correlationId, ActionReply.Error(text), true);
        }

        await _workers.WaitAsync(abort).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        try
        {
            // The completion line below carries what an operator needs at Info; the start is for debugging a stuck call.
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                _logger.LogDebug("Running {Function} (message {MessageId}, correlation {CorrelationId})",
                    parsed.FunctionName, messageId, correlationId);
            }
            var call = new FunctionCall(parsed.Inputs, parsed.Metadata, parsed.Body, sendStatus);
            var result = await handler.HandleAsync(call, abort).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"{handler.GetType().Name} returned no result");
            _metrics?.FunctionCall(parsed.FunctionName, result.Success ? MetricOutcomes.Ok : MetricOutcomes.Error, Stopwatch.GetElapsedTime(started));
            var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var metrics = new ResultMetrics(_options.PackageName, _options.PackageVersion, _host, elapsed, _time.GetLocalNow().DateTime);
            var body = ActionReply.Completed(ResultEnvelope.Create(result, parsed.Inputs, metrics));
            _logger.LogInformation("{Function} completed in {Elapsed} ms (message {MessageId}, success {Success})",
                parsed.FunctionName, elapsed, messageId, result.Success);
            return new FinalReply(replyTo, correlationId, body, false);
        }
        catch (FunctionErrorException ex)
        {
            _metrics?.FunctionCall(parsed.FunctionName, MetricOutcomes.Error, Stopwatch.GetElapsedTime(started));
            _logger.LogWarning("{Function} failed (message {MessageId}): {Reason}", parsed.FunctionName, messageId, ex.Message);
            return new FinalReply(replyTo, correlationId, ActionReply.Error(ex.Message), true);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            _metrics?.FunctionCall(parsed.FunctionName, MetricOutcomes.Exception, Stopwatch.GetElapsedTime(started));
            _logger.LogError(ex, "{Function} raised an exception (message {MessageId})", parsed.FunctionName, messageId);
            return new FinalReply(replyTo, correlationId, ActionReply.Exception(ex), true);
        }
        finally
        {
            _workers.Release();
        }
    }
}
