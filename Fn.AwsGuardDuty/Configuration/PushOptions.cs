using Fn.AwsGuardDuty.Push;

namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// The push intake's settings (extensions.md §B), read once by <see cref="PushOptionsReader"/>; present only when
/// <c>aws_gd_sqs_queue_url</c> is set. All values are validated and in range.
/// </summary>
/// <param name="Queue"><c>aws_gd_sqs_queue_url</c>, with the region and account it names.</param>
/// <param name="EndpointUrl"><c>aws_gd_sqs_endpoint_url</c>, else AWS_ENDPOINT_URL_SQS, else AWS_ENDPOINT_URL; null for the queue region's endpoint.</param>
/// <param name="WaitTime"><c>aws_gd_sqs_wait_time</c>: whole seconds, 0-20.</param>
/// <param name="MaxMessages"><c>aws_gd_sqs_max_messages</c>: 1-10.</param>
/// <param name="VisibilityTimeout"><c>aws_gd_sqs_visibility_timeout</c>: whole seconds, 2 s to 12 h.</param>
/// <param name="ReconcileInterval"><c>aws_gd_reconcile_interval</c>: the poller's interval in push mode.</param>
public sealed record PushOptions(
    SqsQueueAddress Queue,
    Uri? EndpointUrl,
    TimeSpan WaitTime,
    int MaxMessages,
    TimeSpan VisibilityTimeout,
    TimeSpan ReconcileInterval)
{
    public static readonly TimeSpan DefaultWaitTime = TimeSpan.FromSeconds(20);
    public const int DefaultMaxMessages = 10;
    public static readonly TimeSpan DefaultVisibilityTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DefaultReconcileInterval = TimeSpan.FromMinutes(60);

    public static readonly TimeSpan MaxWaitTime = TimeSpan.FromSeconds(20);
    public const int MaxMaxMessages = 10;
    public static readonly TimeSpan MinVisibilityTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan MaxVisibilityTimeout = TimeSpan.FromHours(12);
    public static readonly TimeSpan MinReconcileInterval = TimeSpan.FromSeconds(1);

    /// <summary>Defaults for everything but the queue (tests, the sandbox).</summary>
    public static PushOptions ForQueue(SqsQueueAddress queue, Uri? endpointUrl = null) =>
        new(queue, endpointUrl, DefaultWaitTime, DefaultMaxMessages, DefaultVisibilityTimeout, DefaultReconcileInterval);
}
