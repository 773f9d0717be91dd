namespace Fn.AwsGuardDuty.Sandbox.Sqs;

/// <summary>One delivery of a message: which queue, which message, who received it (access key id) and its receive count then.</summary>
public sealed record SqsReceiveRecord(SqsQueueKey Queue, string MessageId, string? DeduplicationId, string? Receiver, int ReceiveCount, DateTimeOffset At);
