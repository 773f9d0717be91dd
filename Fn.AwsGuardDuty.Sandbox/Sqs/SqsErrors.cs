using Fn.AwsGuardDuty.Sandbox.Aws;

namespace Fn.AwsGuardDuty.Sandbox.Sqs;

/// <summary>
/// The errors of the SQS API reference (per operation, and the common errors of all AWS services), with the status
/// and query code each has in the JSON protocol.
/// </summary>
public static class SqsErrors
{
    public static SqsErrorException QueueDoesNotExist() =>
        new(400, "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", true, "The specified queue does not exist.");

    public static SqsErrorException QueueNameExists(string name) =>
        new(400, "QueueNameExists", "QueueAlreadyExists", true,
            $"A queue already exists with the same name and a different value for attribute(s) of queue {name}.");

    public static SqsErrorException InvalidParameterValue(string message) =>
        new(400, "InvalidParameterValue", "InvalidParameterValue", true, message);

    public static SqsErrorException MissingParameter(string parameter) =>
        new(400, "MissingParameter", "MissingParameter", true, $"The request must contain the parameter {parameter}.");

    public static SqsErrorException InvalidAttributeName(string name) =>
        new(400, "InvalidAttributeName", "InvalidAttributeName", true, $"Unknown Attribute {name}.");

    public static SqsErrorException InvalidAttributeValue(string name, string reason) =>
        new(400, "InvalidAttributeValue", "InvalidAttributeValue", true, $"Invalid value for the parameter {name}. Reason: {reason}");

    public static SqsErrorException ReceiptHandleIsInvalid(string handle) =>
        new(400, "ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", true, $"The input receipt handle \"{handle}\" is not a valid receipt handle.");

    /// <summary>A receipt handle from an earlier receive of a message that has been received again since.</summary>
    public static SqsErrorException ReceiptHandleExpired(string handle) =>
        InvalidParameterValue($"Value {handle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.");

    public static SqsErrorException MessageNotInflight() =>
        new(400, "MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight", true, "The message referred to isn't in flight.");

    public static SqsErrorException InvalidMessageContents(string reason) =>
        new(400, "InvalidMessageContents", "InvalidMessageContents", true, $"Invalid characters found. {reason}");

    public static SqsErrorException EmptyBatchRequest() =>
        new(400, "EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest", true, "There should be at least one entry in the request.");

    public static SqsErrorException TooManyEntriesInBatchRequest(int count) =>
        new(400, "TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", true,
            $"Maximum number of entries per request are 10. You have sent {count}.");

    public static SqsErrorException BatchEntryIdsNotDistinct(string id) =>
        new(400, "BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", true, $"Id {id} repeated.");

    public static SqsErrorException InvalidBatchEntryId(string id) =>
        new(400, "InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId", true,
            $"A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long. Invalid id: {id}");

    public static SqsErrorException BatchRequestTooLong(int bytes, int limit) =>
        new(400, "BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong", true,
            $"Batch requests cannot be longer than {limit} bytes. You have sent {bytes} bytes.");

    public static SqsErrorException PurgeQueueInProgress(string queueUrl) =>
        new(403, "PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress", true,
            $"Only one PurgeQueue operation on {queueUrl} is allowed every 60 seconds.");

    public static SqsErrorException UnsupportedOperation(string message) =>
        new(400, "UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation", true, message);

    public static SqsErrorException InvalidAction(string target) =>
        new(400, "InvalidAction", "InvalidAction", true, $"The action or operation requested is invalid: {target}.");

    public static SqsErrorException AccessDenied() =>
        new(403, "AccessDenied", "AccessDenied", true, "Access to the resource is denied.");

    public static SqsErrorException InternalFailure() =>
        new(500, "InternalFailure", "InternalFailure", false, "We encountered an internal error. Please try again.");

    public static SqsErrorException SerializationException(string message) =>
        new(400, "SerializationException", "SerializationException", true, message);

    public static SqsErrorException FromFault(FaultKind fault) => fault switch
    {
        FaultKind.Throttle => new SqsErrorException(400, "RequestThrottled", "RequestThrottled", true, "Request is throttled."),
        FaultKind.AccessDenied => AccessDenied(),
        _ => InternalFailure(),
    };

    /// <summary>The common errors AWS answers for a refused signature (query-protocol names, as SQS keeps them).</summary>
    public static SqsErrorException FromAuthFailure(AwsAuthException failure) => failure.Failure switch
    {
        AwsAuthFailure.MissingAuthentication => new SqsErrorException(403, "MissingAuthenticationToken", "MissingAuthenticationToken", true, failure.Message),
        AwsAuthFailure.IncompleteSignature => new SqsErrorException(400, "IncompleteSignature", "IncompleteSignature", true, failure.Message),
        AwsAuthFailure.UnknownAccessKey or AwsAuthFailure.InvalidSessionToken =>
            new SqsErrorException(403, "InvalidClientTokenId", "InvalidClientTokenId", true, failure.Message),
        AwsAuthFailure.SignatureExpired => new SqsErrorException(400, "RequestExpired", "RequestExpired", true, failure.Message),
        _ => new SqsErrorException(403, "SignatureDoesNotMatch", "SignatureDoesNotMatch", true, failure.Message),
    };
}
