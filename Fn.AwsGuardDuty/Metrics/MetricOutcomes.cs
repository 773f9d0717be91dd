namespace Fn.AwsGuardDuty.Metrics;

/// <summary>The fixed values of the <c>outcome</c> tag, per series (docs/metrics.md).</summary>
public static class MetricOutcomes
{
    /// <summary>function_calls_total: the function returned a result with success true.</summary>
    public const string Ok = "ok";

    /// <summary>function_calls_total: the function reported a failure (success false, e.g. an AWS error, or its error reply).
    /// poll_cycles_total: the cycle counted errors. aws/soar_calls_total: the service answered with an error.</summary>
    public const string Error = "error";

    /// <summary>function_calls_total: the handler threw something unexpected.</summary>
    public const string Exception = "exception";

    /// <summary>function_calls_total: the message could not be run (unreadable, unknown function, bad input).</summary>
    public const string Rejected = "rejected";

    /// <summary>aws/soar_calls_total: no usable answer (timeout, connection refused or broken, TLS, credentials).</summary>
    public const string Unreachable = "unreachable";

    /// <summary>push_messages_total: handled and deleted.</summary>
    public const string Done = "done";

    /// <summary>push_messages_total: understood, nothing to escalate (other events, scans without threats); deleted.</summary>
    public const string Ignored = "ignored";

    /// <summary>push_messages_total: not handled this time (SOAR failed, say); left on the queue to come back.</summary>
    public const string Retry = "retry";

    /// <summary>push_messages_total: could not be read; left for the queue's redrive policy.</summary>
    public const string Unreadable = "unreadable";
}
