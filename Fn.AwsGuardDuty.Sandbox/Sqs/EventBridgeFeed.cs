using System.Collections.Concurrent;
using System.Globalization;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Sqs;

/// <summary>
/// What the deploy/aws/ EventBridge rule does in the sandbox: every <c>GuardDuty Finding</c> event the GuardDuty
/// emulator publishes (a finding created, its updatedAt moved, archived or unarchived) goes into the FIFO queue as an
/// EventBridge event (<c>version</c>, <c>id</c>, <c>detail-type</c>, <c>source</c>, <c>account</c>, <c>time</c>,
/// <c>region</c>, <c>resources</c>, <c>detail</c> = the finding), in message group <see cref="MessageGroupId"/> with
/// the event id as deduplication id, as EventBridge's FIFO targets do. Remembers when each finding was first published.
/// </summary>
public sealed class EventBridgeFeed : IDisposable
{
    /// <summary>The MessageGroupId of the template's EventBridge target.</summary>
    public const string MessageGroupId = "guardduty";

    private readonly GuardDutyEmulatorState _guardDuty;
    private readonly SqsEmulatorState _sqs;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _firstPublished = new(StringComparer.Ordinal);
    private long _published;

    public EventBridgeFeed(GuardDutyEmulatorState guardDuty, SqsEmulatorState sqs, SqsQueueKey queue, TimeProvider? time = null)
    {
        _guardDuty = guardDuty;
        _sqs = sqs;
        Queue = queue;
        _time = time ?? TimeProvider.System;
        _guardDuty.FindingPublished += Publish;
    }

    public SqsQueueKey Queue { get; }

    /// <summary>Events sent into the queue so far.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>When the first event of <paramref name="findingId"/> went into the queue; null when none did.</summary>
    public DateTimeOffset? FirstPublished(string findingId) => _firstPublished.TryGetValue(findingId, out var at) ? at : null;

    private void Publish(DetectorKey detector, JObject finding)
    {
        var now = _time.GetUtcNow();
        var id = Guid.NewGuid().ToString();
        var evt = new JObject
        {
            ["version"] = "0",
            ["id"] = id,
            ["detail-type"] = "GuardDuty Finding",
            ["source"] = "aws.guardduty",
            ["account"] = detector.AccountId,
            ["time"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["region"] = detector.Region,
            ["resources"] = new JArray(),
            ["detail"] = finding,
        };
        _sqs.Enqueue(Queue, evt.ToString(Formatting.None), MessageGroupId, id);
        Interlocked.Increment(ref _published);
        if (finding.Value<string>("id") is { } findingId) _firstPublished.TryAdd(findingId, now);
    }

    public void Dispose() => _guardDuty.FindingPublished -= Publish;
}
