namespace Fn.AwsGuardDuty.Sandbox.FindingGenerator;

/// <summary><c>resource.resourceType</c> values the generator produces.</summary>
public static class FindingResourceType
{
    public const string AccessKey = "AccessKey";
    public const string Instance = "Instance";
    public const string S3Bucket = "S3Bucket";
    public const string EksCluster = "EKSCluster";

    public static IReadOnlyList<string> All { get; } = [AccessKey, Instance, S3Bucket, EksCluster];
}
