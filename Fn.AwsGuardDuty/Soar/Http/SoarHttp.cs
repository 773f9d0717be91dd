using System.Diagnostics;
using System.Net;
using System.Text;
using Fn.AwsGuardDuty.Metrics;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Polly;
using Polly.Retry;

namespace Fn.AwsGuardDuty.Soar.Http;

/// <summary>
/// The wire: one pooled <see cref="HttpClient"/> over a <see cref="SocketsHttpHandler"/> (TLS per cafile, proxy),
/// the SOAR headers, a per-attempt timeout, bounded jittered retries (Polly), one debug line and one count per call.
/// Knows nothing about sessions or orgs; <see cref="SoarConnection"/> adds those.
/// </summary>
internal sealed class SoarHttp : IDisposable
{
    private readonly SoarClientOptions _options;
    private readonly ILogger _logger;
    private readonly SoarCallCounters _counters;
    private readonly SoarCertificateValidator _validator;
    private readonly HttpClient _client;
    private readonly string _baseUrl;
    private readonly ResiliencePipeline<SoarResponse> _idempotentPipeline;
    private readonly ResiliencePipeline<SoarResponse> _safeOnlyPipeline;

    public SoarHttp(SoarClientOptions options, ILogger logger, SoarCallCounters counters)
    {
        _options = options;
        _logger = logger;
        _counters = counters;
        _validator = new SoarCertificateValidator(options, logger);
        _baseUrl = BuildBaseUrl(options);
        _client = new HttpClient(CreateHandler(options, _validator, logger), disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan, // per-attempt timeouts are ours, so they can be told apart from cancellation
        };
        _client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        _client.DefaultRequestHeaders.TryAddWithoutValidation("Resilient-Module-Version", options.ModuleVersion);
        _client.DefaultRequestHeaders.TryAddWithoutValidation("Resilient-Circuits-Version", options.ModuleVersion);
        _client.DefaultRequestHeaders.UserAgent.ParseAdd($"fn-aws-guardduty/{typeof(SoarHttp).Assembly.GetName().Version?.ToString(3) ?? "1.0.0"}");
        _idempotentPipeline = BuildPipeline(SoarRetryPolicy.Default, idempotent: true);
        _safeOnlyPipeline = BuildPipeline(SoarRetryPolicy.SafeOnly, idempotent: false);
    }

    /// <summary>https://host:port[/prefix], no trailing slash.</summary>
    public string BaseUrl => _baseUrl;

    /// <summary>Sends <paramref name="request"/> to <paramref name="fullPath"/> (which starts with <c>/rest</c>), retrying as the options allow.</summary>
    public async Task<SoarResponse> SendAsync(SoarRequest request, string fullPath, AuthHeaders auth, CancellationToken cancellationToken)
    {
        // A POST that writes gets the SafeOnly rule whatever its policy says (see RetryClassifier).
        var pipeline = request.RetryPolicy == SoarRetryPolicy.SafeOnly || !request.IsIdempotent ? _safeOnlyPipeline : _idempotentPipeline;
        var attempts = 0;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(RequestKey, (request, fullPath));
            var response = await pipeline.ExecuteAsync(
                async (ctx, state) =>
                {
                    attempts++;
                    return await SendOnceAsync(state.request, state.fullPath, state.auth, ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                (request, fullPath, auth)).ConfigureAwait(false);
            return response with { Attempts = attempts };
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            var reason = _validator.LastFailure ?? ex.InnerException?.Message ?? ex.Message;
            throw new SoarTlsException(
                $"TLS handshake with SOAR {_options.Host}:{_options.Port} failed ({reason}); trusted: {_validator.TrustSource}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new SoarConnectionException(
                $"SOAR {request.Method} {fullPath} could not be completed after {attempts} attempt(s): {ex.Message}", attempts, ex);
        }
        catch (SoarAttemptTimeoutException ex)
        {
            throw new SoarConnectionException(
                $"SOAR {request.Method} {fullPath} timed out after {attempts} attempt(s): {ex.Message}", attempts, ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public void Dispose() => _client.Dispose();

    private static readonly ResiliencePropertyKey<(SoarRequest Request, string Path)> RequestKey = new("soar.request");

    private async Task<SoarResponse> SendOnceAsync(SoarRequest request, string fullPath, AuthHeaders auth, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, _baseUrl + fullPath);
        auth.Apply(message);
        if (request.HandleFormatNamesHeader)
        {
            message.Headers.TryAddWithoutValidation("handle_format", "names");
        }

        string? bodyText = null;
        if (request.Body is not null)
        {
            bodyText = request.Body.ToString(Formatting.None);
            message.Content = new StringContent(bodyText, Encoding.UTF8, "application/json");
        }

        if (bodyText is not null && _logger.IsEnabled(LogLevel.Trace))
        {
            _logger.LogTrace("SOAR {Method} {Path} request body: {Body}", request.Method, fullPath, request.SensitiveBody ? "(redacted)" : bodyText);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        var started = Stopwatch.GetTimestamp();
        _counters.CountCall();
        try
        {
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            _counters.ByOperation.Add(SoarOperation.Of(request), (int)response.StatusCode < 400 ? MetricOutcomes.Ok : MetricOutcomes.Error);
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                _logger.LogDebug("SOAR {Method} {Path} {Status} {ElapsedMs:0} ms", request.Method, fullPath, (int)response.StatusCode, elapsed);
            }
            if (_logger.IsEnabled(LogLevel.Trace))
            {
                _logger.LogTrace("SOAR {Method} {Path} response body: {Body}", request.Method, fullPath, request.SensitiveResponse ? "(redacted)" : body);
            }

            if ((int)response.StatusCode is >= 300 and < 400 && response.StatusCode != HttpStatusCode.NotModified)
            {
                throw new SoarRedirectException(request.Method.Method, fullPath, response.StatusCode, DescribeLocation(message.RequestUri!, response.Headers.Location));
            }

            var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToArray() : [];
            return new SoarResponse(response.StatusCode, body, ReadRetryAfter(response), cookies);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _counters.ByOperation.Add(SoarOperation.Of(request), MetricOutcomes.Unreachable);
            _logger.LogDebug("SOAR {Method} {Path} timeout {ElapsedMs:0} ms", request.Method, fullPath, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw new SoarAttemptTimeoutException(_options.RequestTimeout);
        }
        catch (HttpRequestException ex)
        {
            _counters.ByOperation.Add(SoarOperation.Of(request), MetricOutcomes.Unreachable);
            _logger.LogDebug("SOAR {Method} {Path} failed ({Error}) {ElapsedMs:0} ms", request.Method, fullPath, ex.HttpRequestError, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    private ResiliencePipeline<SoarResponse> BuildPipeline(SoarRetryPolicy policy, bool idempotent)
    {
        if (_options.RequestMaxRetries <= 1)
        {
            return ResiliencePipeline<SoarResponse>.Empty;
        }

        return new ResiliencePipelineBuilder<SoarResponse>()
            .AddRetry(new RetryStrategyOptions<SoarResponse>
            {
                MaxRetryAttempts = _options.RequestMaxRetries - 1,
                ShouldHandle = args => ValueTask.FromResult(
                    !args.Context.CancellationToken.IsCancellationRequested
                    && RetryClassifier.ShouldRetry(policy, idempotent, args.Outcome.Result?.Status, args.Outcome.Exception)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    RetryDelays.Compute(_options, args.AttemptNumber, args.Outcome.Result?.RetryAfter, Random.Shared.NextDouble())),
                OnRetry = args =>
                {
                    _counters.CountRetry();
                    var (request, path) = args.Context.Properties.GetValue(RequestKey, default);
                    var reason = args.Outcome.Exception is { } ex ? ex.GetType().Name + ": " + ex.Message : $"HTTP {(int)args.Outcome.Result!.Status}";
                    _logger.LogWarning("SOAR {Method} {Path} attempt {Attempt} failed ({Reason}); retrying in {DelayMs:0} ms",
                        request?.Method, path, args.AttemptNumber + 1, reason, args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>Where a redirect pointed, made absolute, without its query (which could hold a token).</summary>
    private static string? DescribeLocation(Uri requested, Uri? location)
    {
        if (location is null)
        {
            return null;
        }

        return Uri.TryCreate(requested, location, out var absolute) ? absolute.GetLeftPart(UriPartial.Path) : location.OriginalString.Split('?', 2)[0];
    }

    private static TimeSpan? ReadRetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static string BuildBaseUrl(SoarClientOptions options)
    {
        var host = options.Host.Contains(':') && !options.Host.StartsWith('[') ? $"[{options.Host}]" : options.Host;
        var prefix = options.ResourcePrefix?.Trim().Trim('/');
        return string.IsNullOrEmpty(prefix) ? $"https://{host}:{options.Port}" : $"https://{host}:{options.Port}/{prefix}";
    }

    private static SocketsHttpHandler CreateHandler(SoarClientOptions options, SoarCertificateValidator validator, ILogger logger)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = false, // the session cookie is ours to manage (API-key mode must send none)

            // Issue 11 #8: a followed redirect would carry the Cookie and X-sess-id headers (and a proxy's view of
            // Authorization) to wherever Location points. SOAR's REST API does not redirect, so a redirect means a wrong
            // host/port/resource_prefix or something in between; it is refused with that reason (SoarRedirectException).
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = options.RequestTimeout < TimeSpan.FromSeconds(30) ? options.RequestTimeout : TimeSpan.FromSeconds(30),
            MaxConnectionsPerServer = 64,
        };
        handler.SslOptions.RemoteCertificateValidationCallback = validator.Validate;
        handler.SslOptions.CertificateChainPolicy = validator.ChainPolicy();
        if (options.EffectiveProxy is { } proxy)
        {
            handler.Proxy = proxy;
            handler.UseProxy = true;
            logger.LogInformation("SOAR REST calls go through proxy {Proxy}", ProxyUri.Describe(proxy));
        }

        return handler;
    }
}
