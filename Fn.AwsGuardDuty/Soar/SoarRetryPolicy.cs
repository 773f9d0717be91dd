namespace Fn.AwsGuardDuty.Soar;

/// <summary>Which failed attempts of one request the client repeats by itself (up to <c>request_max_retries</c>).</summary>
public enum SoarRetryPolicy
{
    /// <summary>
    /// The rule of the method: GET/PUT/PATCH/DELETE and the POSTs that write nothing (queries, login) retry on 429, 5xx,
    /// timeouts and broken connections; a POST that writes follows <see cref="SafeOnly"/> (issue 11 #1: a 502/504 may
    /// come after SOAR committed).
    /// </summary>
    Default,

    /// <summary>
    /// Retry only when SOAR certainly did not act: the request never reached it (connection refused, DNS) or it answered
    /// 429 (which SOAR sends before doing anything). A 5xx, a timeout or a connection lost after sending is reported at
    /// once, because SOAR may have committed the request; the caller decides (e.g. looks the incident up before creating again).
    /// Every POST that writes gets this rule; asking for it explicitly also applies it to an idempotent method.
    /// </summary>
    SafeOnly,
}
