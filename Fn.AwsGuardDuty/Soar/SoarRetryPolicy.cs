namespace Fn.AwsGuardDuty.Soar;

/// <summary>Which failed attempts of one request the client repeats by itself (up to <c>request_max_retries</c>).</summary>
public enum SoarRetryPolicy
{
    /// <summary>
    /// The client's usual rules: GET/PUT/PATCH/DELETE retry on 429, 5xx, timeouts and broken connections; a POST retries
    /// on 429, 5xx and when the request certainly never left.
    /// </summary>
    Default,

    /// <summary>
    /// Retry only when SOAR certainly did not act: the request never reached it (connection refused, DNS) or it answered
    /// 429 (which SOAR sends before doing anything). A 5xx, a timeout or a connection lost after sending is reported at
    /// once, because SOAR may have committed the request; the caller decides (e.g. looks the incident up before creating again).
    /// </summary>
    SafeOnly,
}
