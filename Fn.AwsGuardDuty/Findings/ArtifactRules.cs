namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// The search rules in order: the reference's six (guardduty-app.md §3.4) first within each type, then the
/// places it misses (§8 #13): IPv6 addresses, Kubernetes API source IPs, attack-sequence endpoints, DNS
/// domains, Kubernetes user names, S3 buckets named in an API call's affected resources and attack-sequence actors.
/// </summary>
internal static class ArtifactRules
{
    private static readonly object[] WholeFinding = [];

    public static IReadOnlyList<ArtifactRule> All { get; } = Array.AsReadOnly(new ArtifactRule[]
    {
        new(ArtifactTypes.AccessKeyIdType, "AccessKeyId", WholeFinding),

        new(ArtifactTypes.UserNameType, "UserName", WholeFinding),
        new(ArtifactTypes.UserNameType, "Username", ["Resource", "KubernetesDetails"]),

        new(ArtifactTypes.S3BucketNameType, "Name", ["Resource", "S3BucketDetails"]),
        new(ArtifactTypes.S3BucketNameType, "AWS::S3::Bucket", ["Service", "Action", "AwsApiCallAction", "AffectedResources"]),

        new(ArtifactTypes.IpAddressType, "IpAddressV4", WholeFinding),
        new(ArtifactTypes.IpAddressType, "PrivateIpAddress", WholeFinding),
        new(ArtifactTypes.IpAddressType, "PublicIp", WholeFinding),
        new(ArtifactTypes.IpAddressType, "IpAddressV6", WholeFinding),
        new(ArtifactTypes.IpAddressType, "Ipv6Addresses", WholeFinding, ArrayElements: true),
        new(ArtifactTypes.IpAddressType, "SourceIps", WholeFinding, ArrayElements: true),
        new(ArtifactTypes.IpAddressType, "Ip", ["Service", "Detection"]),

        new(ArtifactTypes.DnsNameType, "PublicDnsName", WholeFinding),
        new(ArtifactTypes.DnsNameType, "PrivateDnsName", WholeFinding),
        new(ArtifactTypes.DnsNameType, "Domain", WholeFinding),

        new(ArtifactTypes.PortType, "Port", WholeFinding),

        // An attack sequence's actors: User Account even where the name is also an aws_iam_user_name (extensions.md §A).
        // Endpoint IPs and domains are covered by the Ip and Domain rules above.
        new(ArtifactTypes.UserAccountType, "Name", [.. SequenceNode.Path, "Actors"], Parent: "User"),
    });
}
