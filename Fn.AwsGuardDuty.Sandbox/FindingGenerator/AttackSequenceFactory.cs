using System.Globalization;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.FindingGenerator;

/// <summary>
/// One attack-sequence finding (wire camelCase, shapes from the model: Sequence, Signal, Indicator, Actor, NetworkEndpoint,
/// ResourceV2) over the given member findings of the same account. Signal timestamps are model <c>timestamp</c>s, so epoch
/// seconds on the wire; the finding's own createdAt/updatedAt are strings. Sets associatedAttackSequenceArn on the members.
/// </summary>
internal static class AttackSequenceFactory
{
    public static JObject Build(AttackSequenceKind kind, GeneratedValues values, string accountId, string region, string detectorId,
        IReadOnlyList<JObject> members)
    {
        var id = values.Hex(32);
        var arn = $"arn:aws:guardduty:{region}:{accountId}:detector/{detectorId}/finding/{id}";
        var latest = members.Select(m => Instant(m["updatedAt"])).DefaultIfEmpty(DateTimeOffset.UnixEpoch.AddYears(55)).Max();
        var createdAt = latest + TimeSpan.FromMinutes(5);
        var credentials = kind == AttackSequenceKind.CompromisedCredentials;

        var userName = members.Select(m => (string?)m.SelectToken("resource.accessKeyDetails.userName")).FirstOrDefault(n => n is not null)
            ?? (credentials ? "svc-deploy" : "analytics-role");
        var accessKeyId = "AKIA" + values.Upper(16);
        var bucket = members.Select(m => (string?)m.SelectToken("resource.s3BucketDetails[0].name")).FirstOrDefault(n => n is not null)
            ?? "data-" + values.Hex(8);
        var badIp = values.PublicIpV4();
        var otherIp = values.PublicIpV4();
        var domain = $"c2-{values.Hex(6)}.example.net";

        var actors = new JArray
        {
            new JObject
            {
                ["id"] = "actor-1",
                ["user"] = new JObject
                {
                    ["name"] = userName,
                    ["uid"] = "AIDA" + values.Upper(16),
                    ["type"] = credentials ? "IAMUser" : "AssumedRole",
                    ["credentialUid"] = accessKeyId,
                    ["account"] = new JObject { ["uid"] = accountId, ["account"] = "member-" + accountId[^4..] },
                },
                ["session"] = new JObject
                {
                    ["uid"] = "session-" + values.Hex(8),
                    ["mfaStatus"] = "DISABLED",
                    ["createdTime"] = IsoTimestamp.EpochSeconds(createdAt - TimeSpan.FromHours(3)),
                    ["issuer"] = $"arn:aws:iam::{accountId}:user/{userName}",
                },
            },
        };
        var endpoints = new JArray
        {
            new JObject
            {
                ["id"] = "endpoint-1",
                ["ip"] = badIp,
                ["port"] = 443,
                ["location"] = new JObject { ["city"] = "Amsterdam", ["country"] = "Netherlands", ["lat"] = 52.37, ["lon"] = 4.89 },
                ["autonomousSystem"] = new JObject { ["name"] = "M247 Ltd", ["number"] = 9009 },
                ["connection"] = new JObject { ["direction"] = "INBOUND" },
            },
            new JObject { ["id"] = "endpoint-2", ["ip"] = otherIp, ["domain"] = domain },
        };
        var resourceUid = credentials ? accessKeyId : $"arn:aws:s3:::{bucket}";
        var resources = new JArray
        {
            credentials
                ? new JObject
                {
                    ["uid"] = accessKeyId, ["name"] = accessKeyId, ["accountId"] = accountId, ["resourceType"] = "ACCESS_KEY",
                    ["region"] = region, ["service"] = "IAM", ["cloudPartition"] = "aws",
                    ["data"] = new JObject { ["accessKey"] = new JObject { ["principalId"] = "AIDA" + values.Upper(16), ["userName"] = userName, ["userType"] = "IAMUser" } },
                }
                : new JObject
                {
                    ["uid"] = resourceUid, ["name"] = bucket, ["accountId"] = accountId, ["resourceType"] = "S3_BUCKET",
                    ["region"] = region, ["service"] = "S3", ["cloudPartition"] = "aws",
                    ["data"] = new JObject { ["s3Bucket"] = new JObject { ["ownerId"] = values.Hex(64), ["encryptionType"] = "SSE-S3", ["effectivePermission"] = "NOT_PUBLIC" } },
                },
        };

        var signals = new JArray();
        foreach (var member in members)
        {
            var service = member["service"] as JObject ?? [];
            signals.Add(new JObject
            {
                ["uid"] = (string?)member["arn"],
                ["type"] = "FINDING",
                ["description"] = (string?)member["title"],
                ["name"] = (string?)member["type"],
                ["createdAt"] = Epoch(member["createdAt"]),
                ["updatedAt"] = Epoch(member["updatedAt"]),
                ["firstSeenAt"] = Epoch(service["eventFirstSeen"] ?? member["createdAt"]),
                ["lastSeenAt"] = Epoch(service["eventLastSeen"] ?? member["updatedAt"]),
                ["severity"] = member["severity"]?.DeepClone(),
                ["count"] = service["count"]?.DeepClone() ?? 1,
                ["resourceUids"] = new JArray(resourceUid),
                ["actorIds"] = new JArray("actor-1"),
                ["endpointIds"] = new JArray("endpoint-1"),
            });
            member["associatedAttackSequenceArn"] = arn;
        }

        var activityAt = createdAt - TimeSpan.FromMinutes(10);
        signals.Add(new JObject
        {
            ["uid"] = (credentials ? "cloudtrail-" : "s3-data-events-") + values.Hex(12),
            ["type"] = credentials ? "CLOUD_TRAIL" : "S3_DATA_EVENTS",
            ["name"] = credentials ? "CreateAccessKey" : "GetObject",
            ["createdAt"] = IsoTimestamp.EpochSeconds(activityAt),
            ["updatedAt"] = IsoTimestamp.EpochSeconds(activityAt),
            ["firstSeenAt"] = IsoTimestamp.EpochSeconds(activityAt - TimeSpan.FromMinutes(20)),
            ["lastSeenAt"] = IsoTimestamp.EpochSeconds(activityAt),
            ["count"] = credentials ? 1 : values.Int(200, 5000),
            ["resourceUids"] = new JArray(resourceUid),
            ["actorIds"] = new JArray("actor-1"),
            ["endpointIds"] = new JArray("endpoint-1", "endpoint-2"),
        });

        var indicators = new JArray
        {
            new JObject
            {
                ["key"] = "ATTACK_TACTIC",
                ["values"] = credentials ? new JArray("Discovery", "Persistence", "Credential Access") : new JArray("Discovery", "Exfiltration"),
                ["title"] = "MITRE ATT&CK tactics",
            },
            new JObject { ["key"] = "MALICIOUS_IP", ["values"] = new JArray(badIp), ["title"] = "Known malicious IP" },
            credentials
                ? new JObject { ["key"] = "HIGH_RISK_API", ["values"] = new JArray("CreateAccessKey"), ["title"] = "High-risk API" }
                : new JObject { ["key"] = "SENSITIVE_DATA", ["values"] = new JArray(bucket) },
        };

        var type = credentials ? "AttackSequence:IAM/CompromisedCredentials" : "AttackSequence:S3/CompromisedData";
        var subject = credentials ? "IAM user " + userName : "S3 bucket " + bucket;
        var resource = credentials
            ? new JObject
            {
                ["resourceType"] = FindingResourceType.AccessKey,
                ["accessKeyDetails"] = new JObject { ["accessKeyId"] = accessKeyId, ["principalId"] = "AIDA" + values.Upper(16), ["userName"] = userName, ["userType"] = "IAMUser" },
            }
            : new JObject
            {
                ["resourceType"] = FindingResourceType.S3Bucket,
                ["s3BucketDetails"] = new JArray(new JObject { ["arn"] = resourceUid, ["name"] = bucket, ["type"] = "Destination" }),
            };
        return new JObject
        {
            ["accountId"] = accountId,
            ["arn"] = arn,
            ["createdAt"] = IsoTimestamp.Format(createdAt),
            ["description"] = string.Create(CultureInfo.InvariantCulture,
                $"A sequence of actions involving {signals.Count} signals indicating a possible compromise of {subject} was observed in account {accountId}."),
            ["id"] = id,
            ["partition"] = "aws",
            ["region"] = region,
            ["resource"] = resource,
            ["schemaVersion"] = "2.0",
            ["service"] = new JObject
            {
                ["archived"] = false,
                ["count"] = 1,
                ["detectorId"] = detectorId,
                ["eventFirstSeen"] = IsoTimestamp.Format(members.Select(m => Instant(m["createdAt"])).DefaultIfEmpty(activityAt).Min()),
                ["eventLastSeen"] = IsoTimestamp.Format(createdAt),
                ["resourceRole"] = "TARGET",
                ["serviceName"] = "guardduty",
                ["detection"] = new JObject
                {
                    ["sequence"] = new JObject
                    {
                        ["uid"] = values.Hex(32),
                        ["description"] = $"Possible compromise of {subject}.",
                        ["actors"] = actors,
                        ["resources"] = resources,
                        ["endpoints"] = endpoints,
                        ["signals"] = signals,
                        ["sequenceIndicators"] = indicators,
                    },
                },
            },
            ["severity"] = Math.Round(9.0 + values.Double(), 1),
            ["title"] = $"Potential {(credentials ? "credential" : "data")} compromise of {subject} indicated by a sequence of actions.",
            ["type"] = type,
            ["updatedAt"] = IsoTimestamp.Format(createdAt),
        };
    }

    private static DateTimeOffset Instant(JToken? iso) =>
        iso?.Value<string>() is { } text && IsoTimestamp.TryParse(text, out var value) ? value : DateTimeOffset.UnixEpoch;

    private static decimal Epoch(JToken? iso) => IsoTimestamp.EpochSeconds(Instant(iso));
}
