using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Sqs;

/// <summary>
/// The settable attributes of a queue with the defaults and ranges of the CreateQueue/SetQueueAttributes reference,
/// and the read-only attribute names GetQueueAttributes knows.
/// </summary>
public sealed class SqsQueueAttributes
{
    public const string DelaySeconds = "DelaySeconds";
    public const string MaximumMessageSize = "MaximumMessageSize";
    public const string MessageRetentionPeriod = "MessageRetentionPeriod";
    public const string Policy = "Policy";
    public const string ReceiveMessageWaitTimeSeconds = "ReceiveMessageWaitTimeSeconds";
    public const string VisibilityTimeout = "VisibilityTimeout";
    public const string RedrivePolicy = "RedrivePolicy";
    public const string RedriveAllowPolicy = "RedriveAllowPolicy";
    public const string KmsMasterKeyId = "KmsMasterKeyId";
    public const string KmsDataKeyReusePeriodSeconds = "KmsDataKeyReusePeriodSeconds";
    public const string SqsManagedSseEnabled = "SqsManagedSseEnabled";
    public const string FifoQueue = "FifoQueue";
    public const string ContentBasedDeduplication = "ContentBasedDeduplication";
    public const string DeduplicationScope = "DeduplicationScope";
    public const string FifoThroughputLimit = "FifoThroughputLimit";

    public const string QueueArn = "QueueArn";
    public const string ApproximateNumberOfMessages = "ApproximateNumberOfMessages";
    public const string ApproximateNumberOfMessagesNotVisible = "ApproximateNumberOfMessagesNotVisible";
    public const string ApproximateNumberOfMessagesDelayed = "ApproximateNumberOfMessagesDelayed";
    public const string CreatedTimestamp = "CreatedTimestamp";
    public const string LastModifiedTimestamp = "LastModifiedTimestamp";

    public static IReadOnlyList<string> ReadOnly { get; } =
    [
        QueueArn, ApproximateNumberOfMessages, ApproximateNumberOfMessagesNotVisible, ApproximateNumberOfMessagesDelayed,
        CreatedTimestamp, LastModifiedTimestamp,
    ];

    private static readonly string[] Settable =
    [
        DelaySeconds, MaximumMessageSize, MessageRetentionPeriod, Policy, ReceiveMessageWaitTimeSeconds, VisibilityTimeout,
        RedrivePolicy, RedriveAllowPolicy, KmsMasterKeyId, KmsDataKeyReusePeriodSeconds, SqsManagedSseEnabled,
        FifoQueue, ContentBasedDeduplication, DeduplicationScope, FifoThroughputLimit,
    ];

    private static readonly string[] FifoOnly = [FifoQueue, ContentBasedDeduplication, DeduplicationScope, FifoThroughputLimit];

    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    public SqsQueueAttributes(bool fifo)
    {
        IsFifo = fifo;
        values[DelaySeconds] = "0";
        values[MaximumMessageSize] = "1048576";
        values[MessageRetentionPeriod] = "345600";
        values[ReceiveMessageWaitTimeSeconds] = "0";
        values[VisibilityTimeout] = "30";
        values[SqsManagedSseEnabled] = "true";
        if (fifo)
        {
            values[FifoQueue] = "true";
            values[ContentBasedDeduplication] = "false";
            values[DeduplicationScope] = "queue";
            values[FifoThroughputLimit] = "perQueue";
        }
    }

    public static IEnumerable<string> All => Settable.Concat(ReadOnly);

    public bool IsFifo { get; }

    public int DelaySecondsValue => Int(DelaySeconds);

    public int MaximumMessageSizeValue => Int(MaximumMessageSize);

    public TimeSpan RetentionPeriod => TimeSpan.FromSeconds(Int(MessageRetentionPeriod));

    public int ReceiveWaitSeconds => Int(ReceiveMessageWaitTimeSeconds);

    public int VisibilityTimeoutSeconds => Int(VisibilityTimeout);

    public bool ContentBasedDeduplicationEnabled => values.GetValueOrDefault(ContentBasedDeduplication) == "true";

    public bool DeduplicatesPerGroup => values.GetValueOrDefault(DeduplicationScope) == "messageGroup";

    /// <summary>The parsed redrive policy, or null.</summary>
    public (SqsQueueKey DeadLetterQueue, int MaxReceiveCount)? Redrive { get; private set; }

    public string? Get(string name) => values.GetValueOrDefault(name);

    public IReadOnlyDictionary<string, string> Settings => values;

    /// <summary>Checks every attribute first, then applies them all (an invalid one changes nothing).</summary>
    public void Apply(IReadOnlyDictionary<string, string> changes, bool creating)
    {
        var parsedRedrive = Redrive;
        foreach (var (name, value) in changes)
        {
            if (!Settable.Contains(name))
            {
                throw SqsErrors.InvalidAttributeName(name);
            }

            if (!IsFifo && FifoOnly.Contains(name) && !(name == FifoQueue && value == "false" && creating))
            {
                throw SqsErrors.InvalidAttributeName(name);
            }

            if (name == FifoQueue && !creating)
            {
                throw SqsErrors.InvalidAttributeValue(name, "FifoQueue can only be set when the queue is created.");
            }

            switch (name)
            {
                case DelaySeconds: CheckRange(name, value, 0, 900); break;
                case MaximumMessageSize: CheckRange(name, value, 1024, 1048576); break;
                case MessageRetentionPeriod: CheckRange(name, value, 60, 1209600); break;
                case ReceiveMessageWaitTimeSeconds: CheckRange(name, value, 0, 20); break;
                case VisibilityTimeout: CheckRange(name, value, 0, 43200); break;
                case KmsDataKeyReusePeriodSeconds: CheckRange(name, value, 60, 86400); break;
                case FifoQueue when value != "true" && !(creating && value == "false" && !IsFifo):
                    throw SqsErrors.InvalidAttributeValue(name, "The FifoQueue attribute can only be true for a queue whose name ends in .fifo.");
                case ContentBasedDeduplication or SqsManagedSseEnabled when value is not ("true" or "false"):
                    throw SqsErrors.InvalidAttributeValue(name, "must be true or false.");
                case DeduplicationScope when value is not ("messageGroup" or "queue"):
                    throw SqsErrors.InvalidAttributeValue(name, "must be messageGroup or queue.");
                case FifoThroughputLimit when value is not ("perQueue" or "perMessageGroupId"):
                    throw SqsErrors.InvalidAttributeValue(name, "must be perQueue or perMessageGroupId.");
                case Policy or RedriveAllowPolicy when value.Length > 0:
                    _ = ParseJsonObject(name, value);
                    break;
                case RedrivePolicy:
                    parsedRedrive = value.Length == 0 ? null : ParseRedrive(value);
                    break;
            }
        }

        foreach (var (name, value) in changes)
        {
            if (value.Length == 0 && name is RedrivePolicy or Policy or RedriveAllowPolicy or KmsMasterKeyId)
            {
                values.Remove(name);
            }
            else
            {
                values[name] = value;
            }
        }

        Redrive = parsedRedrive;
    }

    /// <summary>True when <paramref name="requested"/> would leave the attributes as they are (CreateQueue on an existing queue).</summary>
    public bool Matches(IReadOnlyDictionary<string, string> requested) =>
        requested.All(pair => values.TryGetValue(pair.Key, out var current) ? current == pair.Value : pair.Key == FifoQueue && pair.Value == "false");

    private int Int(string name) => int.Parse(values[name], CultureInfo.InvariantCulture);

    private static void CheckRange(string name, string value, int min, int max)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            throw SqsErrors.InvalidAttributeValue(name, $"must be an integer from {min} to {max}.");
        }
    }

    private static JObject ParseJsonObject(string name, string value)
    {
        try
        {
            return JObject.Parse(value);
        }
        catch (JsonException)
        {
            throw SqsErrors.InvalidAttributeValue(name, "the value is not a JSON object.");
        }
    }

    private (SqsQueueKey, int) ParseRedrive(string value)
    {
        var policy = ParseJsonObject(RedrivePolicy, value);
        var arn = policy.Value<string>("deadLetterTargetArn");
        var target = arn is null ? null : SqsQueueKey.FromArn(arn);
        if (target is null)
        {
            throw SqsErrors.InvalidAttributeValue(RedrivePolicy, "Redrive policy does not contain a valid deadLetterTargetArn.");
        }

        var max = policy["maxReceiveCount"] switch
        {
            JValue { Type: JTokenType.Integer } number => number.Value<int>(),
            JValue { Type: JTokenType.String } text when int.TryParse(text.Value<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
            _ => -1,
        };
        if (max is < 1 or > 1000)
        {
            throw SqsErrors.InvalidAttributeValue(RedrivePolicy, "Value for maxReceiveCount must be an integer between 1 and 1000.");
        }

        if (target.Value.IsFifo != IsFifo)
        {
            throw SqsErrors.InvalidAttributeValue(RedrivePolicy, "Dead-letter queue must be of the same type (standard or FIFO) as the source queue.");
        }

        return (target.Value, max);
    }
}
