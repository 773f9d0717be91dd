using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Soar.Http;

/// <summary>
/// Sends a write that SOAR may have committed even though the call failed (a 5xx, a timeout, a connection lost after
/// sending, an unreadable 2xx), the way incident creation does: the transport does not repeat it
/// (<see cref="RetryClassifier"/>); after such a failure the write is looked up, and only when it did not land is it
/// sent again, after the usual backoff, up to <c>request_max_retries</c> attempts in all.
/// </summary>
internal sealed class AmbiguousWrite(SoarClientOptions options, ILogger logger)
{
    /// <param name="what">For the log, e.g. "note on incident 12".</param>
    /// <param name="send">One attempt of the write.</param>
    /// <param name="lookUp">What the write made, read back from SOAR, or null when it is not there.</param>
    public async Task<T> SendAsync<T>(string what, Func<CancellationToken, Task<T>> send, Func<CancellationToken, Task<T?>> lookUp,
        CancellationToken cancellationToken)
        where T : class
    {
        var maxAttempts = Math.Max(1, options.RequestMaxRetries);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await send(cancellationToken).ConfigureAwait(false);
            }
            catch (SoarException error) when (MayHaveActed(error) && !cancellationToken.IsCancellationRequested)
            {
                var landed = await lookUp(cancellationToken).ConfigureAwait(false);
                if (landed is not null)
                {
                    logger.LogWarning("SOAR failed the {What} but had made it; not sending it again ({Error})", what, error.Message);
                    return landed;
                }

                if (attempt >= maxAttempts)
                {
                    throw;
                }

                var delay = RetryDelays.Compute(options, attempt - 1, null, Random.Shared.NextDouble());
                logger.LogWarning("SOAR failed the {What} and did not make it (attempt {Attempt} of {Max}); sending it again in {DelayMs:0} ms: {Error}",
                    what, attempt, maxAttempts, delay.TotalMilliseconds, error.Message);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Failures after which the write may exist: SOAR (or a gateway) answered 5xx, the attempt timed out or the
    /// connection broke, or a 2xx came back unreadable. A 4xx, a TLS refusal or a login failure means it was not made.
    /// </summary>
    public static bool MayHaveActed(SoarException error) => error switch
    {
        SoarHttpException http => (int)http.StatusCode >= 500,
        SoarTlsException => false,
        SoarConnectionException or SoarProtocolException => true,
        _ => false,
    };
}
