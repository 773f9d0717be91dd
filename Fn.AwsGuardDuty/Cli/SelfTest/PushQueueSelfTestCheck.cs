using Amazon.Runtime;
using Amazon.SQS.Model;
using Fn.AwsGuardDuty.GuardDuty.Criteria;
using Fn.AwsGuardDuty.Push;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Cli.SelfTest;

/// <summary>
/// "SQS push queue" (push mode only): GetQueueAttributes (FifoQueue, RedrivePolicy) through the same client the push
/// intake uses, which also proves the permission; FIFO or standard (standard: one instance only); a warning when there
/// is no redrive policy; and a warning when no message arrived for an hour (<see cref="PushFeedMark"/>) while GuardDuty
/// had findings updated in that hour, i.e. the EventBridge rule does not feed the queue.
/// </summary>
public sealed class PushQueueSelfTestCheck(SelfTestSession session, TimeProvider time) : ISelfTestCheck
{
    public const string CheckName = "SQS push queue";
    public static readonly TimeSpan FeedWindow = TimeSpan.FromHours(1);

    public string Name => CheckName;

    public async Task<SelfTestResult> RunAsync(CancellationToken cancellationToken)
    {
        if (session.Config.Push is not { } push)
        {
            return SelfTestResult.Skipped("push off (aws_gd_sqs_queue_url not set): the poller escalates");
        }

        if (session.GuardDuty is not { } factory)
        {
            return SelfTestResult.Skipped("not run: the AWS credentials did not pass");
        }

        var sqs = session.Own(PushSqsClientFactory.Create(push, factory.Options, factory.Credentials));
        GetQueueAttributesResponse attributes;
        try
        {
            attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
            {
                QueueUrl = push.Queue.Url.ToString(),
                AttributeNames = ["FifoQueue", "RedrivePolicy"],
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException e)
        {
            return SelfTestResult.Fail($"GetQueueAttributes on {push.Queue.Name} failed: {e.ErrorCode ?? e.StatusCode.ToString()}: {e.Message}",
                "allow sqs:GetQueueAttributes, ReceiveMessage, DeleteMessage, ChangeMessageVisibility and SendMessage on the queue (deploy/aws/); check aws_gd_sqs_queue_url and aws_gd_sqs_endpoint_url");
        }
        catch (Exception e) when (e is AmazonClientException or HttpRequestException or IOException or TimeoutException)
        {
            return SelfTestResult.Fail($"SQS at {push.EndpointUrl?.ToString() ?? push.Queue.Url.Host} not reachable: {e.Message}",
                "check aws_gd_sqs_endpoint_url, the proxy settings and the network path to SQS");
        }

        var warnings = new List<string>();
        var fifo = attributes.Attributes?.GetValueOrDefault("FifoQueue") == "true";
        var kind = fifo ? "FIFO queue: any number of instances may share it" : "standard queue: run one instance only (a FIFO queue lets several share it)";
        var redrive = Redrive(attributes.Attributes?.GetValueOrDefault("RedrivePolicy"));
        if (redrive is null)
        {
            warnings.Add("WARNING no redrive policy: an unreadable message is received again and again; give the queue a dead-letter queue (deploy/aws/)");
        }

        var feed = await FeedWarningAsync(cancellationToken).ConfigureAwait(false);
        if (feed is not null) warnings.Add(feed);
        var message = $"{push.Queue.Name}, {kind}; {redrive ?? "no redrive policy"}" + (warnings.Count == 0 ? "" : "; " + string.Join("; ", warnings));
        return SelfTestResult.Pass(message, warnings.Count == 0 ? null : "see deploy/aws/ and the README's push section");
    }

    private static string? Redrive(string? policy)
    {
        if (string.IsNullOrEmpty(policy)) return null;
        try
        {
            var json = JObject.Parse(policy);
            var target = json.Value<string>("deadLetterTargetArn");
            return target is null ? null : $"redrive to {target.Split(':')[^1]} after {json["maxReceiveCount"]} receive(s)";
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>The feed warning, or null when messages arrive, GuardDuty was quiet, or the regions are unknown.</summary>
    private async Task<string?> FeedWarningAsync(CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - FeedWindow;
        var last = new PushFeedMark(session.Config.GuardDuty.StateDir).Read();
        if (last is { } at && at >= since) return null;
        if (session.Regions is not { } regions) return null;
        var criteria = new FindingCriteria().GreaterThanOrEqual("updatedAt", since);
        foreach (var region in regions.Regions)
        {
            foreach (var detector in region.DetectorIds)
            {
                var page = await region.Client.ListFindingsPageAsync(detector, criteria, maxResults: 1, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (page.Items.Count > 0)
                {
                    var seen = last is { } l ? $"since {l.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "(none recorded in aws_gd_state_dir)";
                    return $"WARNING no message arrived {seen} while GuardDuty had findings updated in the last hour ({region.Name}): check the EventBridge rule and the queue policy";
                }
            }
        }

        return null;
    }
}
