using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Push;

/// <summary>EventBridge events as AWS documents them (GuardDuty finding events; Malware Protection for S3 scan results).</summary>
internal static class PushEvents
{
    public static JObject WireFinding(string id = "4ec4a3a5b3d0e8b3f0d1c2a9e8f7a6b5", string updatedAt = "2024-03-01T10:15:00.000Z", bool archived = false) => new()
    {
        ["schemaVersion"] = "2.0",
        ["accountId"] = "123456789012",
        ["region"] = "eu-west-1",
        ["partition"] = "aws",
        ["id"] = id,
        ["arn"] = $"arn:aws:guardduty:eu-west-1:123456789012:detector/12abc34d567e8fa901bc2d34e56789f0/finding/{id}",
        ["type"] = "Recon:EC2/PortProbeUnprotectedPort",
        ["resource"] = new JObject
        {
            ["resourceType"] = "Instance",
            ["instanceDetails"] = new JObject { ["instanceId"] = "i-0123456789abcdef0" },
        },
        ["service"] = new JObject
        {
            ["serviceName"] = "guardduty",
            ["detectorId"] = "12abc34d567e8fa901bc2d34e56789f0",
            ["archived"] = archived,
            ["count"] = 3,
            ["eventFirstSeen"] = "2024-03-01T09:00:00.000Z",
            ["eventLastSeen"] = "2024-03-01T10:00:00.000Z",
        },
        ["severity"] = 5,
        ["createdAt"] = "2024-03-01T09:05:00.000Z",
        ["updatedAt"] = updatedAt,
        ["title"] = "Unprotected port on EC2 instance i-0123456789abcdef0 is being probed.",
        ["description"] = "EC2 instance has an unprotected port which is being probed by a known malicious host.",
    };

    public static JObject FindingEvent(JObject? finding = null, string eventId = "c8f8e2d4-1111-2222-3333-444455556666") => new()
    {
        ["version"] = "0",
        ["id"] = eventId,
        ["detail-type"] = "GuardDuty Finding",
        ["source"] = "aws.guardduty",
        ["account"] = "123456789012",
        ["time"] = "2024-03-01T10:20:00Z",
        ["region"] = "eu-west-1",
        ["resources"] = new JArray(),
        ["detail"] = finding ?? WireFinding(),
    };

    public static JObject MalwareEvent(string status = "THREATS_FOUND", string? versionId = "d41d8cd98f00b204e9800998ecf8427e", string eventId = "72c7d362-737a-6dce-fc78-9e27a0171419") => new()
    {
        ["version"] = "0",
        ["id"] = eventId,
        ["detail-type"] = "GuardDuty Malware Protection Object Scan Result",
        ["source"] = "aws.guardduty",
        ["account"] = "111122223333",
        ["time"] = "2024-02-28T01:01:01Z",
        ["region"] = "us-east-1",
        ["resources"] = new JArray("arn:aws:guardduty:us-east-1:111122223333:malware-protection-plan/b4c7f464ab3a4EXAMPLE"),
        ["detail"] = new JObject
        {
            ["schemaVersion"] = "1.0",
            ["scanStatus"] = "COMPLETED",
            ["resourceType"] = "S3_OBJECT",
            ["s3ObjectDetails"] = new JObject
            {
                ["bucketName"] = "amzn-s3-demo-bucket",
                ["objectKey"] = "uploads/invoice.pdf",
                ["eTag"] = "0e8c7f6b5a4d3c2b1a0f9e8d7c6b5a4f",
                ["versionId"] = versionId,
                ["s3Throttled"] = false,
            },
            ["scanResultDetails"] = new JObject
            {
                ["scanResultStatus"] = status,
                ["threats"] = status == "THREATS_FOUND"
                    ? new JArray(new JObject { ["name"] = "EICAR-Test-File (not a virus)" }, new JObject { ["name"] = "Trojan.GenericKD" })
                    : JValue.CreateNull(),
            },
        },
    };

    /// <summary>An SNS notification carrying <paramref name="inner"/> as its Message, as an SNS→SQS subscription delivers it.</summary>
    public static JObject SnsWrapped(JObject inner) => new()
    {
        ["Type"] = "Notification",
        ["MessageId"] = "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
        ["TopicArn"] = "arn:aws:sns:eu-west-1:123456789012:guardduty",
        ["Message"] = inner.ToString(Newtonsoft.Json.Formatting.None),
        ["Timestamp"] = "2024-03-01T10:20:01.000Z",
        ["SignatureVersion"] = "1",
    };
}
