using Fn.AwsGuardDuty.Push;

namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// Reads the push keys of <c>[fn_aws_guardduty]</c> into <see cref="PushOptions"/>. Bare numbers are seconds for the
/// SQS durations and minutes for <c>aws_gd_reconcile_interval</c> (as for the other poller intervals). Every problem
/// goes to the shared list, naming its key; null when push is off (no queue URL) or a value is wrong.
/// </summary>
internal static class PushOptionsReader
{
    public const string QueueUrlKey = "aws_gd_sqs_queue_url";
    public const string EndpointUrlKey = "aws_gd_sqs_endpoint_url";
    public const string WaitTimeKey = "aws_gd_sqs_wait_time";
    public const string MaxMessagesKey = "aws_gd_sqs_max_messages";
    public const string VisibilityTimeoutKey = "aws_gd_sqs_visibility_timeout";
    public const string ReconcileIntervalKey = "aws_gd_reconcile_interval";

    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public static PushOptions? Read(SectionReader r, List<ConfigProblem> problems, AwsEnvironment aws)
    {
        var queueText = r.String(QueueUrlKey);
        if (queueText is null)
        {
            return null;
        }

        var before = problems.Count;
        if (!SqsQueueAddress.TryParse(queueText, out var queue, out var error))
        {
            problems.Add(new ConfigProblem(r.Section, QueueUrlKey, error));
        }

        var endpoint = r.Url(EndpointUrlKey) ?? aws.EndpointFor(AwsService.Sqs);
        var wait = r.Duration(WaitTimeKey, Second) ?? PushOptions.DefaultWaitTime;
        var max = r.Int(MaxMessagesKey) ?? PushOptions.DefaultMaxMessages;
        var visibility = r.Duration(VisibilityTimeoutKey, Second) ?? PushOptions.DefaultVisibilityTimeout;
        var reconcile = r.Duration(ReconcileIntervalKey, Minute) ?? PushOptions.DefaultReconcileInterval;

        if (wait < TimeSpan.Zero || wait > PushOptions.MaxWaitTime || !WholeSeconds(wait))
        {
            problems.Add(new ConfigProblem(r.Section, WaitTimeKey, $"{Show(wait)} must be a whole number of seconds from 0 to 20 (SQS long polling)"));
        }

        if (max is < 1 or > PushOptions.MaxMaxMessages)
        {
            problems.Add(new ConfigProblem(r.Section, MaxMessagesKey, $"{max} must be from 1 to 10 (SQS ReceiveMessage)"));
        }

        if (visibility < PushOptions.MinVisibilityTimeout || visibility > PushOptions.MaxVisibilityTimeout || !WholeSeconds(visibility))
        {
            problems.Add(new ConfigProblem(r.Section, VisibilityTimeoutKey, $"{Show(visibility)} must be a whole number of seconds from 2 s to 12 h"));
        }

        if (reconcile < PushOptions.MinReconcileInterval)
        {
            problems.Add(new ConfigProblem(r.Section, ReconcileIntervalKey, $"{Show(reconcile)} must be at least 1 second (the backstop poller's interval in push mode)"));
        }

        return problems.Count > before || queue is null ? null : new PushOptions(queue, endpoint, wait, max, visibility, reconcile);
    }

    private static bool WholeSeconds(TimeSpan value) => value.Ticks % TimeSpan.TicksPerSecond == 0;

    private static string Show(TimeSpan value) => $"{value.TotalSeconds:0.###} s";
}
