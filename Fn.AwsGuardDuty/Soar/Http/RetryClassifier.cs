using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace Fn.AwsGuardDuty.Soar.Http;

/// <summary>
/// Which failures are worth another attempt. Idempotent calls (GET, PUT, PATCH, DELETE, and the POSTs that change
/// nothing or nothing the caller keeps: queries and login) retry on connection errors, timeouts, 429 and 5xx. A POST
/// that writes (incident, artifact, note, table row, import) follows the <see cref="SoarRetryPolicy.SafeOnly"/> rule:
/// only 429 (answered before acting) and errors that prove the request never left are repeated. A 5xx, a timeout or a
/// connection lost after sending may come after SOAR committed (a gateway's 502/504 in front of a slow SOAR), and a
/// blind repeat would make a second incident, artifact, note or row; the API looks the write up instead
/// (see <see cref="AmbiguousWrite"/>), or the caller does (incident creation).
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
        if (!idempotent)
        {
            return ShouldRetrySafeOnly(status, exception);
        }

        if (exception is null)
        {
            return status is { } s && IsRetryableStatus(s);
        }

        return exception switch
        {
            SoarAttemptTimeoutException => true,
            OperationCanceledException => false,
            HttpRequestException http => http.HttpRequestError != HttpRequestError.SecureConnectionError, // a refused certificate will be refused again
            _ => false,
        };
    }

    /// <summary>The rule for <paramref name="policy"/>: <see cref="SoarRetryPolicy.SafeOnly"/> repeats only what SOAR certainly did not act on, whatever the method.</summary>
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
