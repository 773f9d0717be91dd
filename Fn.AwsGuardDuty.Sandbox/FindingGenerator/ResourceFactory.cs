using System.Globalization;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.FindingGenerator;

/// <summary>Builds <c>resource</c> for each resource type, in wire camelCase, with the model's two timestamp encodings.</summary>
internal static class ResourceFactory
{
    private static readonly string[] UserNames = ["alice", "bob", "deploy-bot", "ci-runner", "backup-svc", "admin", "data-eng", "terraform"];
    private static readonly string[] InstanceTypes = ["t3.micro", "t3.large", "m5.xlarge", "c6i.2xlarge", "r5.large"];
    private static readonly string[] BucketWords = ["logs", "backups", "invoices", "artifacts", "customer-data", "analytics", "media"];
    private static readonly string[] ClusterWords = ["prod", "staging", "payments", "platform", "ml"];

    public static (JObject Resource, string Name) Build(FindingTypeProfile profile, GeneratedValues values, string accountId, string region, DateTimeOffset createdAt) =>
        profile.ResourceType switch
        {
            FindingResourceType.Instance => Instance(values, accountId, region, createdAt),
            FindingResourceType.S3Bucket => S3Buckets(values, accountId, region, createdAt),
            FindingResourceType.EksCluster => EksCluster(values, accountId, region, createdAt),
            _ => AccessKey(profile, values),
        };

    private static (JObject, string) AccessKey(FindingTypeProfile profile, GeneratedValues values)
    {
        var root = profile.Type.Contains("RootCredentialUsage", StringComparison.Ordinal);
        var assumed = !root && profile.Type.Contains("InstanceCredentialExfiltration", StringComparison.Ordinal);
        var userName = root ? "Root" : values.Placeholder("GeneratedFindingUserName", () => values.Pick(UserNames));
        var details = new JObject
        {
            ["accessKeyId"] = values.Placeholder("GeneratedFindingAccessKeyId", () => (assumed ? "ASIA" : "AKIA") + values.Upper(16)),
            ["principalId"] = values.Placeholder("GeneratedFindingPrincipalId", () => (assumed ? "AROA" : "AIDA") + values.Upper(17)),
            ["userName"] = userName,
            ["userType"] = root ? "Root" : assumed ? "AssumedRole" : "IAMUser",
        };
        return (new JObject { ["accessKeyDetails"] = details, ["resourceType"] = FindingResourceType.AccessKey }, userName);
    }

    private static (JObject, string) Instance(GeneratedValues values, string accountId, string region, DateTimeOffset createdAt)
    {
        var instanceId = values.Placeholder("i-99999999", () => "i-0" + values.Hex(16));
        var vpcId = values.Placeholder("GeneratedFindingVPCId", () => "vpc-0" + values.Hex(16));
        var interfaces = new JArray();
        var interfaceCount = values.Int(2, 4);
        for (var i = 0; i < interfaceCount; i++)
        {
            var primary = values.PrivateIpV4(i);
            var privateAddresses = new JArray { PrivateAddress(primary, region) };
            var secondaryCount = values.Int(0, 3);
            for (var s = 0; s < secondaryCount; s++)
            {
                privateAddresses.Add(PrivateAddress(values.PrivateIpV4(i), region));
            }

            var ipv6 = new JArray();
            var ipv6Count = values.Int(0, 3);
            for (var v = 0; v < ipv6Count; v++)
            {
                ipv6.Add(values.IpV6());
            }

            var publicIp = values.PublicIpV4();
            interfaces.Add(new JObject
            {
                ["ipv6Addresses"] = ipv6,
                ["networkInterfaceId"] = values.Placeholder("eni-abcdef00", () => "eni-0" + values.Hex(16)),
                ["privateDnsName"] = PrivateDns(primary, region),
                ["privateIpAddress"] = primary,
                ["privateIpAddresses"] = privateAddresses,
                ["publicDnsName"] = $"ec2-{publicIp.Replace('.', '-')}.{(region == "us-east-1" ? "compute-1" : region + ".compute")}.amazonaws.com",
                ["publicIp"] = publicIp,
                ["securityGroups"] = new JArray
                {
                    new JObject { ["groupId"] = values.Placeholder("GeneratedFindingSecurityId", () => "sg-0" + values.Hex(16)), ["groupName"] = values.Placeholder("GeneratedFindingSecurityGroupName", () => values.Pick(["web-sg", "ssh-sg", "default", "db-sg"])) },
                },
                ["subnetId"] = values.Placeholder("GeneratedFindingSubnetId", () => "subnet-0" + values.Hex(16)),
                ["vpcId"] = vpcId,
            });
        }

        var details = new JObject
        {
            ["availabilityZone"] = region + values.Pick(["a", "b", "c"]),
            ["iamInstanceProfile"] = new JObject
            {
                ["arn"] = $"arn:aws:iam::{accountId}:instance-profile/{values.Placeholder("GeneratedFindingInstanceProfileName", () => "app-" + values.Hex(6))}",
                ["id"] = values.Placeholder("GeneratedFindingInstanceProfileId", () => "AIPA" + values.Upper(17)),
            },
            ["imageDescription"] = values.Placeholder("GeneratedFindingInstaceImageDescription", () => "Amazon Linux 2023 AMI"),
            ["imageId"] = values.Placeholder("ami-99999999", () => "ami-0" + values.Hex(16)),
            ["instanceId"] = instanceId,
            ["instanceState"] = "running",
            ["instanceType"] = values.Pick(InstanceTypes),
            ["launchTime"] = IsoTimestamp.Format(createdAt.AddDays(-values.Int(1, 400)).AddSeconds(-values.Int(0, 86400))),
            ["networkInterfaces"] = interfaces,
            ["platform"] = values.Chance(0.2) ? "windows" : null,
            ["productCodes"] = new JArray(),
            ["tags"] = new JArray
            {
                new JObject { ["key"] = "Name", ["value"] = values.Placeholder("GeneratedFindingInstaceValue1", () => "web-" + values.Int(1, 99)) },
                new JObject { ["key"] = "env", ["value"] = values.Pick(["prod", "staging", "dev"]) },
            },
        };
        if (details["platform"]!.Type == JTokenType.Null)
        {
            details.Remove("platform");
        }

        return (new JObject { ["instanceDetails"] = details, ["resourceType"] = FindingResourceType.Instance }, instanceId);
    }

    private static (JObject, string) S3Buckets(GeneratedValues values, string accountId, string region, DateTimeOffset createdAt)
    {
        var buckets = new JArray();
        var count = values.Int(2, 4);
        var owner = values.Hex(64);
        string? firstName = null;
        for (var i = 0; i < count; i++)
        {
            var name = values.Sample ? $"bucketname{i}" : $"{values.Pick(BucketWords)}-{accountId}-{values.Hex(6)}";
            firstName ??= name;
            var publicRead = values.Chance(0.3);
            buckets.Add(new JObject
            {
                ["arn"] = $"arn:aws:s3:::{name}",
                ["name"] = name,
                ["type"] = i == 0 ? "Destination" : "Source",
                ["createdAt"] = IsoTimestamp.EpochSeconds(createdAt.AddDays(-values.Int(30, 2000))),
                ["owner"] = new JObject { ["id"] = owner },
                ["tags"] = new JArray { new JObject { ["key"] = "team", ["value"] = values.Pick(["data", "finance", "web"]) } },
                ["defaultServerSideEncryption"] = new JObject
                {
                    ["encryptionType"] = values.Chance(0.5) ? "AES256" : "aws:kms",
                    ["kmsMasterKeyArn"] = $"arn:aws:kms:{region}:{accountId}:key/{Guid(values)}",
                },
                ["publicAccess"] = new JObject
                {
                    ["permissionConfiguration"] = new JObject
                    {
                        ["bucketLevelPermissions"] = new JObject
                        {
                            ["accessControlList"] = new JObject { ["allowsPublicReadAccess"] = publicRead, ["allowsPublicWriteAccess"] = false },
                            ["bucketPolicy"] = new JObject { ["allowsPublicReadAccess"] = false, ["allowsPublicWriteAccess"] = false },
                            ["blockPublicAccess"] = BlockPublicAccess(!publicRead),
                        },
                        ["accountLevelPermissions"] = new JObject { ["blockPublicAccess"] = BlockPublicAccess(false) },
                    },
                    ["effectivePermission"] = publicRead ? "PUBLIC" : "NOT_PUBLIC",
                },
            });
        }

        return (new JObject { ["s3BucketDetails"] = buckets, ["resourceType"] = FindingResourceType.S3Bucket }, firstName!);
    }

    private static (JObject, string) EksCluster(GeneratedValues values, string accountId, string region, DateTimeOffset createdAt)
    {
        var name = values.Placeholder("GeneratedFindingEKSClusterName", () => $"{values.Pick(ClusterWords)}-cluster-{values.Int(1, 20)}");
        var resource = new JObject
        {
            ["eksClusterDetails"] = new JObject
            {
                ["name"] = name,
                ["arn"] = $"arn:aws:eks:{region}:{accountId}:cluster/{name}",
                ["vpcId"] = values.Placeholder("GeneratedFindingVPCId", () => "vpc-0" + values.Hex(16)),
                ["status"] = "ACTIVE",
                ["tags"] = new JArray { new JObject { ["key"] = "env", ["value"] = values.Pick(["prod", "staging"]) } },
                ["createdAt"] = IsoTimestamp.EpochSeconds(createdAt.AddDays(-values.Int(10, 900))),
            },
            ["kubernetesDetails"] = new JObject
            {
                ["kubernetesUserDetails"] = new JObject
                {
                    ["username"] = values.Placeholder("GeneratedFindingUserName", () => values.Pick(["system:anonymous", "kubernetes-admin", "dev-user", "ci-deployer"])),
                    ["uid"] = Guid(values),
                    ["groups"] = new JArray("system:authenticated", "system:masters"),
                },
                ["kubernetesWorkloadDetails"] = new JObject
                {
                    ["name"] = values.Placeholder("GeneratedFindingWorkloadName", () => "app-" + values.Hex(5)),
                    ["type"] = values.Pick(["pods", "deployments", "daemonsets"]),
                    ["uid"] = Guid(values),
                    ["namespace"] = values.Pick(["default", "kube-system", "payments"]),
                    ["hostNetwork"] = values.Chance(0.3),
                    ["containers"] = new JArray
                    {
                        new JObject
                        {
                            ["name"] = "main",
                            ["image"] = values.Pick(["nginx:1.25", "alpine:3.19", "busybox:latest", "python:3.12"]),
                            ["imagePrefix"] = "docker.io",
                            ["volumeMounts"] = new JArray { new JObject { ["name"] = "host-root", ["mountPath"] = "/host" } },
                            ["securityContext"] = new JObject { ["privileged"] = values.Chance(0.5), ["allowPrivilegeEscalation"] = values.Chance(0.5) },
                        },
                    },
                    ["volumes"] = new JArray { new JObject { ["name"] = "host-root", ["hostPath"] = new JObject { ["path"] = "/" } } },
                },
            },
            ["resourceType"] = FindingResourceType.EksCluster,
        };
        return (resource, name);
    }

    private static JObject PrivateAddress(string ip, string region) =>
        new() { ["privateDnsName"] = PrivateDns(ip, region), ["privateIpAddress"] = ip };

    private static string PrivateDns(string ip, string region) =>
        $"ip-{ip.Replace('.', '-')}.{(region == "us-east-1" ? "ec2" : region + ".compute")}.internal";

    private static JObject BlockPublicAccess(bool on) => new()
    {
        ["ignorePublicAcls"] = on, ["restrictPublicBuckets"] = on, ["blockPublicAcls"] = on, ["blockPublicPolicy"] = on,
    };

    private static string Guid(GeneratedValues values) =>
        string.Create(CultureInfo.InvariantCulture, $"{values.Hex(8)}-{values.Hex(4)}-{values.Hex(4)}-{values.Hex(4)}-{values.Hex(12)}");
}
