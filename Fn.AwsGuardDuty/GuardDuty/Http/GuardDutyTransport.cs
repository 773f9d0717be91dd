using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Amazon.Runtime;
using Fn.AwsGuardDuty.GuardDuty.Errors;
using Fn.AwsGuardDuty.Metrics;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Fn.AwsGuardDuty.GuardDuty.Http;

/// <summary>
/// Sends one rest-json call with the resilience pipeline <c>total deadline → retry → per-try timeout</c> around a fresh
/// <see cref="HttpRequestMessage"/> per attempt, each signed (SigV4) with a current timestamp by <see cref="GuardDutySigner"/>.
/// </summary>
internal sealed class GuardDutyTransport
{
    private static readonly ResiliencePropertyKey<CallState> StateKey = new("gd.call");
    private static readonly ProductInfoHeaderValue UserAgent = new("fn-aws-guardduty", "1.0");
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");
    private static readonly MediaTypeHeaderValue JsonContentType = MediaTypeHeaderValue.Parse(GuardDutySigner.JsonContentType);

    private readonly HttpClient _http;
    private readonly GuardDutySigner _signer;
    private readonly GuardDutyClientOptions _options;
    private readonly GuardDutyCallCounters _counters;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;
    private readonly GuardDutyRetryPolicy _retryPolicy;
    private readonly RetryQuota? _quota;
    // Adaptive mode's client-side rate limiter: AWSSDK.Core's own (a CUBIC token bucket that slows down after throttling).
    private readonly Amazon.Runtime.Internal.TokenBucket? _rateLimiter;

    public GuardDutyTransport(HttpClient http, GuardDutySigner signer, GuardDutyClientOptions options, GuardDutyCallCounters counters, ILogger logger)
    {
        _http = http;
        _signer = signer;
        _options = options;
        _counters = counters;
        _logger = logger;
        _retryPolicy = new GuardDutyRetryPolicy(options);
        _quota = _retryPolicy.UsesStandardAlgorithm ? new RetryQuota() : null;
        _rateLimiter = options.RetryMode == Configuration.AwsRetryMode.Adaptive ? new Amazon.Runtime.Internal.TokenBucket() : null;
        _pipeline = BuildPipeline();
    }

    public Task<JObject> SendAsync(Uri endpoint, GuardDutyRequest request, CancellationToken cancellationToken) =>
        SendAsync(endpoint, request, ParseBody, cancellationToken);

    /// <summary>
    /// One operation, with its retries; a successful response's body (UTF-8) is read by <paramref name="readBody"/>,
    /// which throws <see cref="GuardDutyResponseException"/> when it cannot read it.
    /// </summary>
    public async Task<T> SendAsync<T>(Uri endpoint, GuardDutyRequest request, Func<GuardDutyRequest, Stream, T> readBody,
        CancellationToken cancellationToken)
    {
        _counters.OnCall(request.Operation);
        var state = new CallState(this, endpoint, request);
        var started = Stopwatch.GetTimestamp();
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StateKey, state);
        try
        {
            var outcome = await _pipeline.ExecuteOutcomeAsync(
                static async (ctx, call) =>
                {
                    try
                    {
                        return Outcome.FromResult(await call.State.Transport.AttemptAsync(call.State, call.ReadBody, ctx.CancellationToken)
                            .ConfigureAwait(false));
                    }
                    catch (Exception e)
                    {
                        return Outcome.FromException<T>(e);
                    }
                },
                context, (State: state, ReadBody: readBody)).ConfigureAwait(false);
            if (outcome.Exception is null)
            {
                _quota?.OnSuccess(state.LastRetryCost);
                _counters.Completed.Add(request.Operation, MetricOutcomes.Ok);
                if (_logger.IsEnabled(LogLevel.Debug))
                    _logger.LogDebug("GuardDuty {Operation} {Region} {Status} in {ElapsedMs} ms ({Attempts} attempt(s))",
                        request.Operation, request.Region, state.LastStatus, Elapsed(started), state.Attempts);
                return outcome.Result!;
            }
            throw Translate(outcome.Exception, state, started, cancellationToken);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Exception Translate(Exception error, CallState state, long started, CancellationToken cancellationToken)
    {
        if (error is OperationCanceledException && cancellationToken.IsCancellationRequested) return error;
        _counters.OnFailure();
        var request = state.Request;
        var elapsed = Elapsed(started);
        Exception result = error switch
        {
            GuardDutyException gd => gd,
            TimeoutRejectedException when elapsed >= _options.TotalDeadline.TotalMilliseconds * 0.99 =>
                new GuardDutyTimeoutException(
                    $"GuardDuty {request.Operation} in {request.Region} did not complete within its deadline of " +
                    $"{_options.TotalDeadline.TotalSeconds:0.###} s ({state.Attempts} attempt(s)); last problem: {state.LastProblem ?? "timeout"}.",
                    error) { Attempts = state.Attempts },
            TimeoutRejectedException =>
                new GuardDutyTimeoutException(
                    $"GuardDuty {request.Operation} in {request.Region} timed out: each of {state.Attempts} attempt(s) exceeded " +
                    $"{_options.PerTryTimeout.TotalSeconds:0.###} s.", error) { Attempts = state.Attempts },
            HttpRequestException or IOException =>
                new GuardDutyTransportException(
                    $"GuardDuty {request.Operation} in {request.Region} could not reach {state.Endpoint.GetLeftPart(UriPartial.Authority)} " +
                    $"after {state.Attempts} attempt(s): {Describe(error)}", error) { Attempts = state.Attempts },
            AmazonServiceException or AmazonClientException =>
                new GuardDutyCredentialsException(
                    $"GuardDuty {request.Operation} in {request.Region}: credentials could not be obtained: {error.Message}", error)
                { Attempts = state.Attempts },
            _ => error,
        };
        _counters.Completed.Add(request.Operation, result is GuardDutyServiceException ? MetricOutcomes.Error : MetricOutcomes.Unreachable);
        // A plain refusal (400, 403…) is the caller's business and is reported by it; what outlived the retries is ours.
        var level = result is GuardDutyServiceException { IsRetryable: false } ? LogLevel.Debug : LogLevel.Warning;
        _logger.Log(level, "GuardDuty {Operation} {Region} failed after {Attempts} attempt(s) in {ElapsedMs} ms: {Error}",
            request.Operation, request.Region, state.Attempts, elapsed, result.Message);
        return result;
    }

    private async Task<T> AttemptAsync<T>(CallState state, Func<GuardDutyRequest, Stream, T> readBody, CancellationToken cancellationToken)
    {
        var request = state.Request;
        var attempt = ++state.Attempts;
        _counters.OnAttempt(request.Operation);

        var url = new Uri(state.Endpoint.AbsoluteUri.TrimEnd('/') + request.PathAndQuery());
        using var message = new HttpRequestMessage(request.Method, url);
        message.Headers.Accept.Add(AcceptJson);
        message.Headers.UserAgent.Add(UserAgent);
        byte[]? body = null;
        if (request.Body is not null)
        {
            body = Encoding.UTF8.GetBytes(request.Body.ToString(Formatting.None));
            message.Content = new ByteArrayContent(body) { Headers = { ContentType = JsonContentType } };
        }

        if (_rateLimiter is not null)
        {
            await _rateLimiter.TryAcquireTokenAsync(1, false, cancellationToken).ConfigureAwait(false);
        }

        // Signed per attempt, inside the retry (and after any rate-limit wait), so each attempt carries a current timestamp.
        await _signer.SignAsync(message, request.Region, body, cancellationToken).ConfigureAwait(false);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            state.LastProblem = e.Message;
            throw;
        }
        using (response)
        {
            state.LastStatus = (int)response.StatusCode;
            // A page of findings is ~150 KB of JSON: parsed from the buffered bytes, not from a string copy of it
            // (which would be a large-object-heap allocation per page).
            if (response.IsSuccessStatusCode)
            {
                _rateLimiter?.UpdateClientSendingRate(false);
                return readBody(request, await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
            }

            var errorBody = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);

            var error = GuardDutyErrorParser.Parse(request.Operation, request.Region, response.StatusCode,
                name => Header(response, name), errorBody);
            state.LastProblem = $"{(int)response.StatusCode} {error.ErrorCode}";
            var failure = new GuardDutyServiceException(error.Operation, error.Region, error.StatusCode, error.ErrorCode,
                error.ErrorSubType, error.ServiceMessage, error.RequestId) { Attempts = attempt };
            _rateLimiter?.UpdateClientSendingRate(GuardDutyRetryPolicy.IsThrottling(failure));
            throw failure;
        }
    }

    private static JObject ParseBody(GuardDutyRequest request, Stream body)
    {
        try
        {
            var token = WireJson.Parse(body);
            if (token is null) return new JObject();
            return token as JObject
                   ?? throw new GuardDutyResponseException($"GuardDuty {request.Operation} returned JSON that is not an object.");
        }
        catch (JsonException e)
        {
            throw new GuardDutyResponseException($"GuardDuty {request.Operation} returned a body that is not JSON: {e.Message}", e);
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? values.FirstOrDefault()
            : null;

    private ResiliencePipeline BuildPipeline()
    {
        var builder = new ResiliencePipelineBuilder { Name = "guardduty" }
            .AddTimeout(new TimeoutStrategyOptions { Timeout = _options.TotalDeadline, Name = "total-deadline" });
        if (_options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                Name = "retry",
                MaxRetryAttempts = _options.MaxAttempts - 1,
                // Once the deadline (or the caller) cancelled the call, nothing is retried.
                ShouldHandle = args => ValueTask.FromResult(
                    !args.Context.CancellationToken.IsCancellationRequested && GuardDutyRetryPolicy.IsTransient(args.Outcome.Exception)
                    && (args.AttemptNumber >= _options.MaxAttempts - 1 || PayForRetry(args.Context, args.Outcome.Exception))),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    _retryPolicy.DelayBefore(args.AttemptNumber, args.Outcome.Exception, Random.Shared.NextDouble())),
                OnRetry = args =>
                {
                    _counters.OnRetry();
                    if (args.Context.Properties.TryGetValue(StateKey, out var s))
                    {
                        var why = args.Outcome.Exception switch
                        {
                            GuardDutyServiceException e => $"{(int)e.StatusCode} {e.ErrorCode}",
                            TimeoutRejectedException => $"no answer within {_options.PerTryTimeout.TotalSeconds:0.###} s",
                            { } e => $"{e.GetType().Name}: {e.Message}",
                            null => "unknown",
                        };
                        s.LastProblem = why;
                        _logger.LogInformation(
                            "GuardDuty {Operation} {Region}: {Problem}; attempt {Attempt}/{MaxAttempts}, retrying in {DelayMs} ms",
                            s.Request.Operation, s.Request.Region, why, s.Attempts, _options.MaxAttempts,
                            (long)args.RetryDelay.TotalMilliseconds);
                    }
                    return ValueTask.CompletedTask;
                },
            });
        }
        return builder.AddTimeout(new TimeoutStrategyOptions { Timeout = _options.PerTryTimeout, Name = "per-try" }).Build();
    }

    /// <summary>Standard/adaptive mode: a retry is made only when the retry quota can pay for it.</summary>
    private bool PayForRetry(ResilienceContext context, Exception? error)
    {
        if (_quota is null) return true;
        var timeoutOrNetwork = error is not GuardDutyServiceException;
        if (_quota.TryAcquire(timeoutOrNetwork, out var cost))
        {
            if (context.Properties.TryGetValue(StateKey, out var s)) s.LastRetryCost = cost;
            return true;
        }
        _logger.LogWarning("GuardDuty retry quota exhausted ({Available} tokens left): not retrying {Error}",
            _quota.Available, error?.Message);
        return false;
    }

    /// <summary>The message with its inner causes (a TLS refusal says why only in the inner exception).</summary>
    private static string Describe(Exception error)
    {
        var parts = new List<string>();
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (!parts.Contains(e.Message)) parts.Add(e.Message);
        }
        return string.Join(": ", parts);
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private sealed class CallState(GuardDutyTransport transport, Uri endpoint, GuardDutyRequest request)
    {
        public GuardDutyTransport Transport { get; } = transport;
        public Uri Endpoint { get; } = endpoint;
        public GuardDutyRequest Request { get; } = request;
        public int Attempts { get; set; }
        public int LastStatus { get; set; }
        public string? LastProblem { get; set; }
        public int LastRetryCost { get; set; }
    }
}
