using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Functions;

/// <summary>
/// The criteria <c>aws_guardduty_create_filter</c> builds from a finding (extensions.md §C): its type, its account
/// and the id of its resource, so the filter matches that activity on that resource and nothing wider. Built from the
/// finding's wire form, returned in boto3's form (<c>{"Criterion":{field:{"Eq":[…]}}}</c>). A resource type without
/// a documented criterion field (listed in the FindingCriteria documentation of the model) adds no resource condition.
/// </summary>
public static class FindingFilterCriteria
{
    /// <summary>resourceType → (where the id is in the finding, the criterion field that filters on it).</summary>
    private static readonly Dictionary<string, (string Path, string Field)> ResourceIds = new(StringComparer.Ordinal)
    {
        ["Instance"] = ("resource.instanceDetails.instanceId", "resource.instanceDetails.instanceId"),
        ["AccessKey"] = ("resource.accessKeyDetails.accessKeyId", "resource.accessKeyDetails.accessKeyId"),
        ["S3Bucket"] = ("resource.s3BucketDetails[*].name", "resource.s3BucketDetails.name"),
        ["S3Object"] = ("resource.s3BucketDetails[*].name", "resource.s3BucketDetails.name"),
        ["EKSCluster"] = ("resource.eksClusterDetails.name", "resource.eksClusterDetails.name"),
        ["ECSCluster"] = ("resource.ecsClusterDetails.name", "resource.ecsClusterDetails.name"),
        ["Container"] = ("resource.containerDetails.id", "resource.containerDetails.id"),
        ["RDSDBInstance"] = ("resource.rdsDbInstanceDetails.dbInstanceIdentifier", "resource.rdsDbInstanceDetails.dbInstanceIdentifier"),
        ["RDSLimitlessDB"] = ("resource.rdsLimitlessDbDetails.dbShardGroupIdentifier", "resource.rdsLimitlessDbDetails.dbShardGroupIdentifier"),
        ["Lambda"] = ("resource.lambdaDetails.functionName", "resource.lambdaDetails.functionName"),
        ["EBSSnapshot"] = ("resource.ebsSnapshotDetails.snapshotArn", "resource.ebsSnapshotDetails.snapshotArn"),
        ["EC2Image"] = ("resource.ec2ImageDetails.imageArn", "resource.ec2ImageDetails.imageArn"),
        ["RecoveryPoint"] = ("resource.recoveryPointDetails.recoveryPointArn", "resource.recoveryPointDetails.recoveryPointArn"),
    };

    /// <summary>The criteria for <paramref name="wireFinding"/>; throws <see cref="FormatException"/> when it has no type.</summary>
    public static JObject From(JObject wireFinding)
    {
        ArgumentNullException.ThrowIfNull(wireFinding);
        var criterion = new JObject();
        var type = wireFinding.Value<string>("type");
        if (string.IsNullOrEmpty(type))
            throw new FormatException("the finding has no type");
        criterion["type"] = Eq([type]);

        var resourceType = wireFinding.SelectToken("resource.resourceType")?.Value<string>();
        if (resourceType is not null && ResourceIds.TryGetValue(resourceType, out var resource))
        {
            var ids = wireFinding.SelectTokens(resource.Path).OfType<JValue>().Select(v => v.Value?.ToString())
                .OfType<string>().Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (ids.Count > 0)
                criterion[resource.Field] = Eq(ids);
        }

        if (wireFinding.Value<string>("accountId") is { Length: > 0 } account)
            criterion["accountId"] = Eq([account]);
        return new JObject { ["Criterion"] = criterion };
    }

    private static JObject Eq(IEnumerable<string> values) => new() { ["Eq"] = new JArray(values) };
}
