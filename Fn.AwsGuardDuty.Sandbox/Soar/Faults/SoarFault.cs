using System.Text.RegularExpressions;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Faults;

/// <summary>
/// A fault rule. <see cref="Route"/> is a regular expression matched against the endpoint key
/// ("PATCH /rest/orgs/{org}/incidents/{id}") and against the concrete call ("PATCH /rest/orgs/201/incidents/2095");
/// null matches every call. Of the matching calls, every <see cref="EveryNth"/>-th one fails (1 = each), at most
/// <see cref="Count"/> times in all (a burst; null = no limit). <see cref="Latency"/> delays each affected call first.
/// With <see cref="AfterHandling"/> the call is carried out (the incident is created, the row added) and only then
/// answered with <see cref="Status"/>: SOAR committing and then failing, which a blind retry would duplicate. A call
/// the emulator refuses on its own (400, 404, ...) keeps that answer, as nothing was applied. With
/// <see cref="FromGateway"/> the failure is answered as a reverse proxy in front of SOAR does (an HTML page, no SOAR
/// JSON): the 502/504 a load balancer sends when SOAR committed but its answer did not come back in time.
/// </summary>
public sealed record SoarFault
{
    public string? Route { get; init; }

    /// <summary>The status answered (500, 409, 401, 503, ...); 0 for latency only.</summary>
    public int Status { get; init; } = 500;

    public int EveryNth { get; init; } = 1;

    public int? Count { get; init; }

    public TimeSpan Latency { get; init; }

    public string Message { get; init; } = "Injected fault";

    /// <summary>Apply the request first, then answer <see cref="Status"/> instead of its result (needs a status).</summary>
    public bool AfterHandling { get; init; }

    /// <summary>Answer the failure with a gateway's HTML error page instead of SOAR's JSON error body.</summary>
    public bool FromGateway { get; init; }

    internal Regex? Pattern { get; init; }

    public static SoarFault Burst(string route, int status, int count) => new() { Route = route, Status = status, Count = count };

    public static SoarFault Every(string route, int nth, int status = 500) => new() { Route = route, Status = status, EveryNth = nth };

    /// <summary>The next <paramref name="count"/> matching calls are applied and then answered <paramref name="status"/>.</summary>
    public static SoarFault CommitThenFail(string route, int count, int status = 500) =>
        new() { Route = route, Status = status, Count = count, AfterHandling = true };

    /// <summary>
    /// The next <paramref name="count"/> matching calls are applied, then a gateway answers <paramref name="status"/>
    /// (502 Bad Gateway or 504 Gateway Timeout) with its HTML page: the write landed, the caller cannot know it.
    /// </summary>
    public static SoarFault CommitThenGatewayError(string route, int count, int status = 502) =>
        new() { Route = route, Status = status, Count = count, AfterHandling = true, FromGateway = true, Message = GatewayReason(status) };

    public static SoarFault Delay(string? route, TimeSpan latency) => new() { Route = route, Status = 0, Latency = latency };

    internal static string GatewayReason(int status) => status switch
    {
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Error",
    };
}
