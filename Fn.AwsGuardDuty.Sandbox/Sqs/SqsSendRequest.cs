using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Sqs;

/// <summary>One message to send (SendMessage, or one SendMessageBatch entry), already read from the request.</summary>
public sealed record SqsSendRequest(
    string Body,
    int? DelaySeconds,
    JObject? MessageAttributes,
    JObject? SystemAttributes,
    string? MessageGroupId,
    string? MessageDeduplicationId);

/// <summary>What SendMessage answers for one message.</summary>
public sealed record SqsSendResult(string MessageId, string Md5OfBody, string? Md5OfMessageAttributes, string? Md5OfSystemAttributes, string? SequenceNumber);

/// <summary>One message handed out by ReceiveMessage, with the handle of this receive.</summary>
public sealed record SqsReceivedMessage(SqsMessage Message, string ReceiptHandle);
