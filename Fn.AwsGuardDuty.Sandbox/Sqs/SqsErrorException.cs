namespace Fn.AwsGuardDuty.Sandbox.Sqs;

/// <summary>
/// An SQS error in the AWS JSON 1.0 shape: HTTP status, a body <c>{"__type","message"}</c> and, because SQS is
/// "awsQueryCompatible", the <c>x-amzn-query-error: &lt;query code&gt;;Sender|Receiver</c> header with the code the
/// older query protocol used (e.g. <c>QueueDoesNotExist</c> is <c>AWS.SimpleQueueService.NonExistentQueue</c>).
/// </summary>
public sealed class SqsErrorException(int statusCode, string type, string queryCode, bool senderFault, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    /// <summary>The <c>__type</c> shape name (without the <c>com.amazonaws.sqs#</c> namespace).</summary>
    public string Type { get; } = type;

    public string QueryCode { get; } = queryCode;

    public bool SenderFault { get; } = senderFault;
}
