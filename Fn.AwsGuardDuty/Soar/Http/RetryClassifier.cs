using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace Fn.AwsGuardDuty.Soar.Http;

/// <summary>
/// Which failures are worth another attempt. Idempotent calls (GET, PUT, PATCH with a version, DELETE) retry on
/// connection errors, timeouts, 429 and 5xx. A plain POST retries on 429/5xx (SOAR answered, so it decided) and on
/// errors that prove the request never left (refused, DNS); a POST that may have reached SOAR before the connection
/// broke is not repeated, because it could create a second incident. Callers that create incidents de-duplicate by
/// querying first (the poller does). <see cref="SoarRetryPolicy.SafeOnly"/> goes further for callers that cannot
/// afford a duplicate: only 429 and never-sent errors are repeated, since a 5xx may come after SOAR committed.
/// </summary>
internal static class RetryClassifier
{
    public static bool IsRetryableStatus(HttpStatusCode status)
    {
        var code = (int)status;
        return code == 429 || (code >= 500 && code <= 599 && code != 501 && code != 505);
    }

    public static bool ShouldRetry(bool idempotent, HttpStatusCode? status, Exception? exception)
    {
        if (exception is null)
        {
            return status is { } s && IsRetryableStatus(s);
        }

        return exception switch
        {
            SoarAttemptTimeoutException => idempotent,
            OperationCanceledException => false,
            HttpRequestException http => ShouldRetry(idempotent, http),
            _ => false,
        };
    }

    /// <summary>The rule for <paramref name="policy"/>: <see cref="SoarRetryPolicy.SafeOnly"/> repeats only what SOAR certainly did not act on.</summary>
    public static bool ShouldRetry(SoarRetryPolicy policy, bool idempotent, HttpStatusCode? status, Exception? exception) =>
        policy == SoarRetryPolicy.SafeOnly ? ShouldRetrySafeOnly(status, exception) : ShouldRetry(idempotent, status, exception);

    /// <summary>429 (answered before acting) or an error proving the request never left; nothing else.</summary>
    public static bool ShouldRetrySafeOnly(HttpStatusCode? status, Exception? exception)
    {
        if (exception is null)
        {
            return status == HttpStatusCode.TooManyRequests;
        }

        return exception is HttpRequestException http
            && http.HttpRequestError != HttpRequestError.SecureConnectionError
            && NeverSent(http);
    }

    /// <summary>True when the request certainly did not reach the server.</summary>
    public static bool NeverSent(HttpRequestException exception)
    {
        if (exception.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError)
        {
            return true;
        }

        return FindSocketError(exception) is SocketError.ConnectionRefused or SocketError.HostNotFound
            or SocketError.HostUnreachable or SocketError.NetworkUnreachable;
    }

    private static bool ShouldRetry(bool idempotent, HttpRequestException exception)
    {
        // A refused certificate will be refused again; fail at once with the reason.
        if (exception.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            return false;
        }

        return NeverSent(exception) || idempotent;
    }

    private static SocketError? FindSocketError(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return socket.SocketErrorCode;
            }
        }

        return null;
    }
}
