using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Paging;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Operations;

/// <summary>ListDetectors, CreateDetector, GetDetector, DeleteDetector.</summary>
internal sealed class DetectorOperations(GuardDutyEmulatorState state)
{
    private static readonly string[] Frequencies = ["FIFTEEN_MINUTES", "ONE_HOUR", "SIX_HOURS"];
    private static readonly string[] Features =
    [
        "CLOUD_TRAIL", "DNS_LOGS", "FLOW_LOGS", "S3_DATA_EVENTS", "EKS_AUDIT_LOGS", "EBS_MALWARE_PROTECTION", "RDS_LOGIN_EVENTS",
        "LAMBDA_NETWORK_LOGS", "RUNTIME_MONITORING",
    ];

    public JObject List(GuardDutyCall call)
    {
        var maxResults = call.Query.Int("maxResults", 1, 50) ?? 50;
        var nextToken = call.Query.String("nextToken");
        lock (state.Gate)
        {
            var ids = state.DetectorsOf(call.AccountId, call.Region).Select(detector => detector.Id).Order(StringComparer.Ordinal).ToList();
            var hash = PageTokenCodec.QueryHash("ListDetectors", call.AccountId, call.Region);
            var (page, token) = IdPager.Page(ids, maxResults, nextToken, hash, state.Tokens);
            return ListResponse.Build("detectorIds", page, token, state.EmptyNextTokenOnLastPage);
        }
    }

    public JObject Create(GuardDutyCall call)
    {
        var enable = call.Body.RequiredBool("enable");
        var clientToken = call.Body.OptionalString("clientToken", 0, 64);
        var frequency = call.Body.OptionalEnum("findingPublishingFrequency", Frequencies);
        if (call.Body.Raw("dataSources") is { } dataSources && dataSources is not JObject)
        {
            throw GuardDutyErrors.InvalidParameter("dataSources");
        }

        if (call.Body.Raw("features") is { } features
            && (features is not JArray list || list.Any(item => item is not JObject feature || !Features.Contains(feature.Value<string>("name")))))
        {
            throw GuardDutyErrors.InvalidParameter("features");
        }

        var tags = call.Body.OptionalTags();
        lock (state.Gate)
        {
            if (state.DetectorIn(call.AccountId, call.Region) is { } existing)
            {
                if (clientToken is { Length: > 0 } && existing.ClientToken == clientToken)
                {
                    return new JObject { ["detectorId"] = existing.Id };
                }

                throw GuardDutyErrors.BadRequest("The request is rejected because a detector already exists for the current account.");
            }

            var detector = state.AddDetector(call.AccountId, call.Region, null, clientToken);
            detector.Status = enable ? "ENABLED" : "DISABLED";
            detector.FindingPublishingFrequency = frequency ?? "SIX_HOURS";
            foreach (var (key, value) in tags ?? [])
            {
                detector.Tags[key] = value;
            }

            return new JObject { ["detectorId"] = detector.Id };
        }
    }

    public JObject Get(GuardDutyCall call)
    {
        lock (state.Gate)
        {
            var detector = DetectorResolver.Resolve(state, call);
            var partition = detector.Region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
                : detector.Region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws";
            var serviceRole = $"arn:{partition}:iam::{detector.AccountId}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty";
            var status = new JObject { ["status"] = "ENABLED" };
            var response = new JObject
            {
                ["createdAt"] = IsoTimestamp.Format(detector.CreatedAt),
                ["findingPublishingFrequency"] = detector.FindingPublishingFrequency,
                ["serviceRole"] = serviceRole,
                ["status"] = detector.Status,
                ["updatedAt"] = IsoTimestamp.Format(detector.UpdatedAt),
                ["dataSources"] = new JObject
                {
                    ["cloudTrail"] = status.DeepClone(),
                    ["dnsLogs"] = status.DeepClone(),
                    ["flowLogs"] = status.DeepClone(),
                    ["s3Logs"] = status.DeepClone(),
                    ["kubernetes"] = new JObject { ["auditLogs"] = status.DeepClone() },
                    ["malwareProtection"] = new JObject
                    {
                        ["scanEc2InstanceWithFindings"] = new JObject { ["ebsVolumes"] = status.DeepClone() },
                        ["serviceRole"] = $"arn:{partition}:iam::{detector.AccountId}:role/aws-service-role/malware-protection.guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDutyMalwareProtection",
                    },
                },
                ["features"] = new JArray(Features.Select(name => new JObject
                {
                    ["name"] = name,
                    ["status"] = name == "RUNTIME_MONITORING" ? "DISABLED" : "ENABLED",
                    ["updatedAt"] = IsoTimestamp.EpochSeconds(detector.UpdatedAt),
                })),
            };
            if (detector.Tags.Count > 0)
            {
                response["tags"] = JObject.FromObject(detector.Tags);
            }

            return response;
        }
    }

    public JObject Delete(GuardDutyCall call)
    {
        lock (state.Gate)
        {
            state.RemoveDetector(DetectorResolver.Resolve(state, call));
            return new JObject();
        }
    }
}
