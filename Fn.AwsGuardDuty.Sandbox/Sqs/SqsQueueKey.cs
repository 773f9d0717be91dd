namespace Fn.AwsGuardDuty.Sandbox.Sqs;

/// <summary>A queue is named per account and region, as in AWS.</summary>
public readonly record struct SqsQueueKey(string Region, string AccountId, string Name)
{
    public bool IsFifo => Name.EndsWith(".fifo", StringComparison.Ordinal);

    public string Arn => $"arn:aws:sqs:{Region}:{AccountId}:{Name}";

    /// <summary>The URL AWS gives out for the queue; requests go to any endpoint, the URL only names the queue.</summary>
    public string Url => $"https://sqs.{Region}.amazonaws.com/{AccountId}/{Name}";

    /// <summary>Reads <c>arn:aws:sqs:region:account:name</c>; null when it is not an SQS queue ARN.</summary>
    public static SqsQueueKey? FromArn(string arn)
    {
        var parts = arn.Split(':');
        return parts.Length == 6 && parts[0] == "arn" && parts[2] == "sqs" && parts[3].Length > 0 && parts[4].Length > 0 && parts[5].Length > 0
            ? new SqsQueueKey(parts[3], parts[4], parts[5])
            : null;
    }
}
