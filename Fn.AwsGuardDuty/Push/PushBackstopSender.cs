using System.Globalization;
using System.Text;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Fn.AwsGuardDuty.Poller;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Push;

/// <summary>
/// The backstop poller's side of push mode (extensions.md §B): instead of escalating what it finds, it sends each finding
/// into the push queue as the EventBridge rule would (a <c>GuardDuty Finding</c> event), with SendMessageBatch, the rule's
/// <see cref="PushEventTypes.MessageGroupId"/> and <c>MessageDeduplicationId</c> = finding id + updatedAt (FIFO queues), so
/// every escalation passes through the one serialised stream and a finding already queued is not queued twice.
/// </summary>
public sealed class PushBackstopSender(IAmazonSQS sqs, SqsQueueAddress queue, ILogger<PushBackstopSender> logger, TimeProvider? time = null)
{
    /// <summary>A batch is kept under the size every SQS queue accepts (256 KiB, the limit of queues made before 2025).</summary>
    public const int MaxBatchBytes = 256 * 1024;

    private readonly TimeProvider clock = time ?? TimeProvider.System;

    /// <summary>Sends <paramref name="findings"/> of <paramref name="region"/>; returns the ids that could not be sent (to try next cycle).</summary>
    public async Task<IReadOnlyList<string>> SendAsync(IReadOnlyList<PolledFinding> findings, string region, CancellationToken cancellationToken)
    {
        var failed = new List<string>();
        foreach (var batch in Batches(findings.Select(f => (Finding: f, Body: Envelope(f, region)))))
        {
            var entries = batch.Select((item, i) => new SendMessageBatchRequestEntry($"f{i}", item.Body)
            {
                MessageGroupId = queue.IsFifo ? PushEventTypes.MessageGroupId : null,
                MessageDeduplicationId = queue.IsFifo ? PushEventTypes.FindingDeduplicationId(item.Finding.Id, item.Finding.UpdatedAtText) : null,
            }).ToList();
            try
            {
                var response = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest { QueueUrl = queue.Url.ToString(), Entries = entries }, cancellationToken)
                    .ConfigureAwait(false);
                foreach (var entry in response.Failed ?? [])
                {
                    var finding = batch[int.Parse(entry.Id[1..], CultureInfo.InvariantCulture)].Finding;
                    failed.Add(finding.Id);
                    logger.LogWarning("Backstop: finding {FindingId} could not be queued ({Code}: {Error})", finding.Id, entry.Code, entry.Message);
                }
            }
            catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException)
            {
                failed.AddRange(batch.Select(item => item.Finding.Id));
                logger.LogWarning("Backstop: {Count} finding(s) could not be queued: {Error}", batch.Count, e.Message);
            }
        }

        return failed;
    }

    /// <summary>The event the EventBridge rule would deliver for <paramref name="finding"/>.</summary>
    public string Envelope(PolledFinding finding, string region) => new JObject
    {
        ["version"] = "0",
        ["id"] = $"backstop:{finding.Id}:{finding.UpdatedAtText}",
        ["detail-type"] = PushEventTypes.FindingDetailType,
        ["source"] = PushEventTypes.GuardDutySource,
        ["account"] = finding.AccountId,
        ["time"] = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["region"] = region,
        ["resources"] = new JArray(),
        ["detail"] = finding.Wire,
    }.ToString(Formatting.None);

    private static IEnumerable<List<(PolledFinding Finding, string Body)>> Batches(IEnumerable<(PolledFinding Finding, string Body)> items)
    {
        var batch = new List<(PolledFinding, string)>();
        var bytes = 0;
        foreach (var item in items)
        {
            var size = Encoding.UTF8.GetByteCount(item.Body);
            if (batch.Count == 10 || (batch.Count > 0 && bytes + size > MaxBatchBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(item);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }
}
