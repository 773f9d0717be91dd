namespace Fn.AwsGuardDuty.Push;

/// <summary>The event source and detail-types push handles (extensions.md §B), and the queue conventions around them.</summary>
public static class PushEventTypes
{
    public const string GuardDutySource = "aws.guardduty";
    public const string FindingDetailType = "GuardDuty Finding";
    public const string MalwareScanDetailType = "GuardDuty Malware Protection Object Scan Result";
    public const string ThreatsFound = "THREATS_FOUND";

    /// <summary>
    /// The MessageGroupId of the EventBridge rule's FIFO target (deploy/aws template) and of the backstop poller's sends:
    /// one group, so every escalation passes through one serialised stream.
    /// </summary>
    public const string MessageGroupId = "guardduty";

    /// <summary>The backstop's MessageDeduplicationId: finding id + updatedAt (a SHA-256 of it when longer than the 128 characters SQS allows).</summary>
    public static string FindingDeduplicationId(string findingId, string? updatedAt)
    {
        var id = $"{findingId}#{updatedAt}";
        return id.Length <= 128 ? id : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)));
    }
}
