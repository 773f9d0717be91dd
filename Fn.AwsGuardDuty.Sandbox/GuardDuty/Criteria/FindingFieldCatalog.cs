namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Criteria;

/// <summary>
/// Which finding fields a criterion may name, and which of them are timestamps. The list is the one documented for
/// <c>ListFindingsRequest.findingCriteria</c> in the model, plus fields integrations use that the real console also
/// filters on (createdAt, event first/last seen, detector id, finding count, feedback, resource names); more can be
/// added through the emulator options.
/// </summary>
public sealed class FindingFieldCatalog
{
    private static readonly string[] DocumentedFields =
    [
        "accountId", "region", "confidence", "id",
        "resource.accessKeyDetails.accessKeyId", "resource.accessKeyDetails.principalId",
        "resource.accessKeyDetails.userName", "resource.accessKeyDetails.userType",
        "resource.instanceDetails.iamInstanceProfile.id", "resource.instanceDetails.imageId",
        "resource.instanceDetails.instanceId", "resource.instanceDetails.networkInterfaces.ipv6Addresses",
        "resource.instanceDetails.networkInterfaces.privateIpAddresses.privateIpAddress",
        "resource.instanceDetails.networkInterfaces.publicDnsName", "resource.instanceDetails.networkInterfaces.publicIp",
        "resource.instanceDetails.networkInterfaces.securityGroups.groupId",
        "resource.instanceDetails.networkInterfaces.securityGroups.groupName",
        "resource.instanceDetails.networkInterfaces.subnetId", "resource.instanceDetails.networkInterfaces.vpcId",
        "resource.instanceDetails.tags.key", "resource.instanceDetails.tags.value", "resource.resourceType",
        "service.action.actionType", "service.action.awsApiCallAction.api", "service.action.awsApiCallAction.callerType",
        "service.action.awsApiCallAction.remoteIpDetails.city.cityName",
        "service.action.awsApiCallAction.remoteIpDetails.country.countryName",
        "service.action.awsApiCallAction.remoteIpDetails.ipAddressV4",
        "service.action.awsApiCallAction.remoteIpDetails.organization.asn",
        "service.action.awsApiCallAction.remoteIpDetails.organization.asnOrg",
        "service.action.awsApiCallAction.serviceName", "service.action.dnsRequestAction.domain",
        "service.action.dnsRequestAction.domainWithSuffix", "service.action.networkConnectionAction.blocked",
        "service.action.networkConnectionAction.connectionDirection",
        "service.action.networkConnectionAction.localPortDetails.port", "service.action.networkConnectionAction.protocol",
        "service.action.networkConnectionAction.remoteIpDetails.country.countryName",
        "service.action.networkConnectionAction.remoteIpDetails.ipAddressV4",
        "service.action.networkConnectionAction.remoteIpDetails.organization.asn",
        "service.action.networkConnectionAction.remoteIpDetails.organization.asnOrg",
        "service.action.networkConnectionAction.remotePortDetails.port", "service.additionalInfo.threatListName",
        "service.archived", "service.ebsVolumeScanDetails.scanId", "service.resourceRole", "severity", "type", "updatedAt",

        // Resource ids the FindingCriteria documentation of the model lists (a filter built from a finding uses them).
        "resource.ecsClusterDetails.name", "resource.containerDetails.id", "resource.rdsDbInstanceDetails.dbInstanceIdentifier",
        "resource.rdsLimitlessDbDetails.dbShardGroupIdentifier", "resource.lambdaDetails.functionName",
        "resource.ebsSnapshotDetails.snapshotArn", "resource.ec2ImageDetails.imageArn", "resource.recoveryPointDetails.recoveryPointArn",
    ];

    private static readonly string[] CommonlyUsedFields =
    [
        "createdAt", "service.eventFirstSeen", "service.eventLastSeen", "service.detectorId", "service.count",
        "service.userFeedback", "service.serviceName", "resource.instanceDetails.networkInterfaces.privateIpAddress",
        "resource.s3BucketDetails.name", "resource.s3BucketDetails.arn", "resource.eksClusterDetails.name",
        "service.action.portProbeAction.portProbeDetails.localPortDetails.port",
        "service.action.portProbeAction.portProbeDetails.remoteIpDetails.ipAddressV4",
        "service.action.kubernetesApiCallAction.verb", "service.action.kubernetesApiCallAction.requestUri",
    ];

    private static readonly string[] TimestampFields =
    [
        "createdAt", "updatedAt", "service.eventFirstSeen", "service.eventLastSeen", "resource.instanceDetails.launchTime",
    ];

    // Sort keys worth indexing that are not criterion fields.
    private static readonly string[] ExtraIndexedFields = ["title", "arn"];

    private readonly HashSet<string> criterionFields;
    private readonly Dictionary<string, int> indexedFields;
    private readonly HashSet<string> indexedPrefixes = new(StringComparer.Ordinal);
    private readonly HashSet<string> timestampFields = new(TimestampFields, StringComparer.Ordinal);

    public FindingFieldCatalog(IEnumerable<string>? additionalCriterionFields = null)
    {
        criterionFields = new HashSet<string>(DocumentedFields.Concat(CommonlyUsedFields), StringComparer.Ordinal);
        foreach (var field in additionalCriterionFields ?? [])
        {
            criterionFields.Add(field);
        }

        IndexedPaths = criterionFields.Concat(ExtraIndexedFields).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        indexedFields = IndexedPaths.Select((path, id) => (path, id)).ToDictionary(pair => pair.path, pair => pair.id, StringComparer.Ordinal);
        foreach (var field in IndexedPaths)
        {
            for (var dot = field.IndexOf('.', StringComparison.Ordinal); dot > 0; dot = field.IndexOf('.', dot + 1))
            {
                indexedPrefixes.Add(field[..dot]);
            }

            indexedPrefixes.Add(field);
        }
    }

    public bool IsCriterionField(string path) => criterionFields.Contains(path);

    /// <summary>Paths whose values a stored finding keeps ready (criterion fields and common sort keys).</summary>
    public IReadOnlyList<string> IndexedPaths { get; }

    /// <summary>Position of an indexed path in <see cref="IndexedPaths"/>, or -1.</summary>
    public int IndexedPathId(string path) => indexedFields.GetValueOrDefault(path, -1);

    /// <summary>Whether an indexed path starts with (or is) this path, i.e. whether it is worth descending into.</summary>
    public bool IsIndexedPrefix(string path) => indexedPrefixes.Contains(path);

    /// <summary>String timestamps in the finding, compared as epoch milliseconds.</summary>
    public bool IsTimestamp(string path) => timestampFields.Contains(path);
}
