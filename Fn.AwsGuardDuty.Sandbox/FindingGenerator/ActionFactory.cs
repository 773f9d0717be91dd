using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.FindingGenerator;

/// <summary>Builds <c>service.action</c> for each action type, using the type's detail (port, API, domain, verb).</summary>
internal static class ActionFactory
{
    private static readonly int[] ProbedPorts = [22, 23, 80, 443, 445, 1433, 3306, 3389, 5432, 6379, 8080, 8088, 9200];
    private static readonly string[] UserAgents =
    [
        "aws-cli/2.15.30 Python/3.11.8 Linux/6.1.79 exe/x86_64.amzn.2023",
        "Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#6.5.0 lang/python#3.12.2",
        "aws-sdk-go-v2/1.26.0 os/linux lang/go#1.22.1",
        "kubectl/v1.29.2 (linux/amd64) kubernetes/4b8e819",
    ];

    public static JObject Build(FindingTypeProfile profile, GeneratedValues values, JObject resource, string accountId)
    {
        var action = new JObject { ["actionType"] = profile.ActionType };
        switch (profile.ActionType)
        {
            case FindingActionType.PortProbe:
                action["portProbeAction"] = PortProbe(profile, values, resource);
                break;
            case FindingActionType.NetworkConnection:
                action["networkConnectionAction"] = NetworkConnection(profile, values, resource);
                break;
            case FindingActionType.DnsRequest:
                action["dnsRequestAction"] = DnsRequest(profile, values, accountId);
                break;
            case FindingActionType.KubernetesApiCall:
                action["kubernetesApiCallAction"] = KubernetesApiCall(profile, values);
                break;
            default:
                action["awsApiCallAction"] = AwsApiCall(profile, values, accountId);
                break;
        }

        return action;
    }

    private static JObject PortProbe(FindingTypeProfile profile, GeneratedValues values, JObject resource)
    {
        var details = new JArray();
        var count = values.Int(2, 6);
        var firstPort = int.Parse(profile.Detail ?? "22", CultureInfo.InvariantCulture);
        for (var i = 0; i < count; i++)
        {
            var port = i == 0 ? firstPort : values.Pick(ProbedPorts);
            details.Add(new JObject
            {
                ["localPortDetails"] = new JObject { ["port"] = port, ["portName"] = PortName(port) },
                ["localIpDetails"] = new JObject { ["ipAddressV4"] = LocalIp(resource, values) },
                ["remoteIpDetails"] = values.RemoteIpDetails(),
            });
        }

        return new JObject { ["blocked"] = false, ["portProbeDetails"] = details };
    }

    private static JObject NetworkConnection(FindingTypeProfile profile, GeneratedValues values, JObject resource)
    {
        var port = int.Parse(profile.Detail ?? "22", CultureInfo.InvariantCulture);
        var inbound = !profile.Type.StartsWith("Backdoor", StringComparison.Ordinal);
        var ephemeral = values.Int(32768, 61000);
        return new JObject
        {
            ["blocked"] = false,
            ["connectionDirection"] = inbound ? "INBOUND" : "OUTBOUND",
            ["localPortDetails"] = new JObject { ["port"] = inbound ? port : ephemeral, ["portName"] = inbound ? PortName(port) : "Unknown" },
            ["protocol"] = "TCP",
            ["localIpDetails"] = new JObject { ["ipAddressV4"] = LocalIp(resource, values) },
            ["remoteIpDetails"] = values.RemoteIpDetails(),
            ["remotePortDetails"] = new JObject { ["port"] = inbound ? ephemeral : port, ["portName"] = inbound ? "Unknown" : PortName(port) },
        };
    }

    private static JObject DnsRequest(FindingTypeProfile profile, GeneratedValues values, string accountId)
    {
        var domain = profile.Detail ?? "example.com";
        var queried = profile.Type.Contains("Exfiltration", StringComparison.Ordinal) ? $"{values.Hex(24)}.{domain}" : domain;
        var parts = domain.Split('.');
        return new JObject
        {
            ["domain"] = queried,
            ["protocol"] = "UDP",
            ["blocked"] = false,
            ["domainWithSuffix"] = string.Join('.', parts.Skip(Math.Max(0, parts.Length - 2))),
            ["vpcOwnerAccountId"] = accountId,
        };
    }

    private static JObject AwsApiCall(FindingTypeProfile profile, GeneratedValues values, string accountId)
    {
        var api = profile.Detail ?? "ListBuckets";
        var service = profile.ResourceType == FindingResourceType.S3Bucket ? "s3.amazonaws.com"
            : api is "DescribeInstances" ? "ec2.amazonaws.com"
            : api is "GetCallerIdentity" ? "sts.amazonaws.com" : "iam.amazonaws.com";
        var call = new JObject
        {
            ["api"] = api,
            ["callerType"] = "Remote IP",
            ["userAgent"] = values.Pick(UserAgents),
            ["remoteIpDetails"] = values.RemoteIpDetails(),
            ["serviceName"] = service,
            ["affectedResources"] = new JObject(),
        };
        if (values.Chance(0.15))
        {
            call["errorCode"] = "AccessDenied";
        }

        if (values.Chance(0.1))
        {
            call["remoteAccountDetails"] = new JObject { ["accountId"] = values.Sample ? accountId : $"{values.Int(100000, 999999)}{values.Int(100000, 999999)}", ["affiliated"] = false };
        }

        return call;
    }

    private static JObject KubernetesApiCall(FindingTypeProfile profile, GeneratedValues values)
    {
        var verb = profile.Detail ?? "get";
        var resourceKind = verb == "list" ? "secrets" : "pods";
        var ns = values.Pick(["default", "kube-system", "payments"]);
        var remote = values.RemoteIpDetails();
        var call = new JObject
        {
            ["requestUri"] = verb == "list" ? $"/api/v1/namespaces/{ns}/secrets" : $"/api/v1/namespaces/{ns}/pods",
            ["verb"] = verb,
            ["resource"] = resourceKind,
            ["namespace"] = ns,
            ["sourceIPs"] = new JArray(remote["ipAddressV4"]!.ToString()),
            ["userAgent"] = UserAgents[3],
            ["remoteIpDetails"] = remote,
            ["statusCode"] = verb == "list" ? 200 : 201,
        };
        if (verb != "list")
        {
            call["resourceName"] = "app-" + values.Hex(5);
        }

        return call;
    }

    private static string LocalIp(JObject resource, GeneratedValues values)
    {
        var interfaces = resource.SelectToken("instanceDetails.networkInterfaces") as JArray;
        return interfaces is { Count: > 0 } ? (string)values.Pick(interfaces.ToList())["privateIpAddress"]! : values.PrivateIpV4(0);
    }

    private static string PortName(int port) => port switch
    {
        22 => "SSH", 23 => "Telnet", 80 => "HTTP", 443 => "HTTPS", 445 => "SMB", 1433 => "MSSQL", 3306 => "MySQL",
        3389 => "RDP", 5432 => "PostgreSQL", 6379 => "Redis", 8080 => "HTTP", 8088 => "Hadoop YARN", 9200 => "Elasticsearch",
        _ => "Unknown",
    };
}
