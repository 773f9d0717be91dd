using System.Collections.Concurrent;
using Fn.AwsGuardDuty.Circuits;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Platform;

/// <summary>
/// Test stand-ins for the app's archive and refresh functions (the real ones live elsewhere), behind a real
/// FunctionListener. The finding id picks the behaviour: "bad-…" answers status "error", "boom-…" fails the call,
/// "gone-…" (refresh) finds nothing; anything else succeeds.
/// </summary>
public sealed class FakeGuardDutyFunctions
{
    public const string ArchiveName = "func_aws_guardduty_archive_finding";
    public const string RefreshName = "func_aws_guardduty_refresh_finding";

    public ConcurrentQueue<JObject> ArchiveCalls { get; } = new();

    public ConcurrentQueue<JObject> RefreshCalls { get; } = new();

    public IFunctionHandler[] Handlers => [new Archive(this), new Refresh(this)];

    public static JObject RefreshContent(string findingId, string region) => new()
    {
        ["timestamp"] = "2024-05-01 10:00:00",
        ["finding"] = new JObject { ["Id"] = findingId, ["Region"] = region },
        ["region"] = region,
        ["payload"] = new JObject
        {
            ["name"] = "AWS GuardDuty: refreshed title",
            ["description"] = new JObject { ["format"] = "text", ["content"] = "refreshed description" },
            ["severity_code"] = "High",
            ["properties"] = new JObject
            {
                ["aws_guardduty_finding_id"] = findingId,
                ["aws_guardduty_count"] = "7",
                ["aws_guardduty_severity"] = "8",
                ["aws_guardduty_archived"] = "False",
                ["aws_guardduty_finding_updated_at"] = "2024-05-01T10:00:00.000Z",
            },
            ["comments"] = new JArray(),
        },
        ["data_tables"] = new JObject
        {
            ["gd_finding_overview"] = new JArray(Row(("query_execution_date", "2024-05-01 10:00:00"), ("severity", "8"), ("count", "7"), ("region", region))),
            ["gd_action_details"] = new JArray(),
            ["gd_resource_affected"] = new JArray(Row(("resource_type", "S3Bucket"))),
            ["gd_s3_bucket_details"] = new JArray(Row(("bucket_name", "bucket-a")), Row(("bucket_name", "bucket-b"))),
            ["gd_instance_details"] = new JArray(),
            ["gd_access_key_details"] = new JArray(),
        },
        ["artifacts"] = new JArray(
            new JObject { ["type"] = new JObject { ["name"] = "IP Address" }, ["value"] = "198.51.100.7", ["description"] = new JObject { ["format"] = "text", ["content"] = "remote ip" } },
            new JObject { ["type"] = new JObject { ["name"] = "aws_s3_bucket_name" }, ["value"] = "bucket-a" }),
    };

    private static JObject Row(params (string Column, string Value)[] cells) =>
        new() { ["cells"] = new JObject(cells.Select(c => new JProperty(c.Column, new JObject { ["value"] = c.Value }))) };

    private sealed class Archive(FakeGuardDutyFunctions owner) : IFunctionHandler
    {
        public string Name => ArchiveName;

        public Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
        {
            owner.ArchiveCalls.Enqueue(call.Message["inputs"]!.DeepClone() as JObject ?? []);
            var findingId = call.Inputs.GetRequiredString("aws_gd_finding_id");
            call.Inputs.GetRequiredString("aws_gd_detector_id");
            call.Inputs.GetRequiredString("aws_gd_region");
            if (findingId.StartsWith("boom-", StringComparison.Ordinal))
            {
                throw new FunctionErrorException("archive exploded");
            }

            return Task.FromResult(FunctionResult.Ok(findingId.StartsWith("bad-", StringComparison.Ordinal)
                ? new JObject { ["status"] = "error", ["msg"] = "An error occurred (BadRequestException) when calling the ArchiveFindings operation: not owned" }
                : new JObject { ["status"] = "ok" }));
        }
    }

    private sealed class Refresh(FakeGuardDutyFunctions owner) : IFunctionHandler
    {
        public string Name => RefreshName;

        public Task<FunctionResult> HandleAsync(FunctionCall call, CancellationToken cancellationToken)
        {
            owner.RefreshCalls.Enqueue(call.Message["inputs"]!.DeepClone() as JObject ?? []);
            var findingId = call.Inputs.GetRequiredString("aws_gd_finding_id");
            var region = call.Inputs.GetRequiredString("aws_gd_region");
            call.Inputs.GetRequiredInt64("incident_id");
            if (findingId.StartsWith("boom-", StringComparison.Ordinal))
            {
                throw new FunctionErrorException("refresh exploded");
            }

            return Task.FromResult(FunctionResult.Ok(findingId.StartsWith("gone-", StringComparison.Ordinal) ? new JObject() : RefreshContent(findingId, region)));
        }
    }
}
