using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Sqs;

/// <summary>One stored message and its delivery state. Changed only under the emulator state's lock.</summary>
public sealed class SqsMessage
{
    public required string MessageId { get; init; }

    public required string Body { get; init; }

    public required string Md5OfBody { get; init; }

    public JObject? MessageAttributes { get; init; }

    public JObject? SystemAttributes { get; init; }

    public required string SenderId { get; init; }

    public required DateTimeOffset SentAt { get; init; }

    public string? MessageGroupId { get; init; }

    public string? MessageDeduplicationId { get; init; }

    public string? SequenceNumber { get; set; }

    /// <summary>Not deliverable before this instant (DelaySeconds).</summary>
    public DateTimeOffset DeliverableAt { get; set; }

    /// <summary>Hidden until this instant after a receive (the visibility timeout).</summary>
    public DateTimeOffset VisibleAt { get; set; }

    public int ReceiveCount { get; set; }

    public DateTimeOffset? FirstReceivedAt { get; set; }

    /// <summary>The handle of the latest receive; earlier handles of this message are stale.</summary>
    public string? ReceiptHandle { get; set; }

    /// <summary>The access key id that made the latest receive (which consumer holds the message while it is in flight).</summary>
    public string? ReceivedBy { get; set; }

    /// <summary>Set when the redrive policy moved the message here from another queue.</summary>
    public string? DeadLetterQueueSourceArn { get; set; }

    public bool IsInFlight(DateTimeOffset now) => ReceiptHandle is not null && VisibleAt > now;

    public bool IsDeliverable(DateTimeOffset now) => DeliverableAt <= now && VisibleAt <= now;
}
