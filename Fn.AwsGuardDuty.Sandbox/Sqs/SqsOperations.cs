using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Sqs;

/// <summary>
/// The SQS operations of the API reference the sandbox serves, with their parameter rules. A queue is named by its
/// URL's last two path segments (account, name) in the region the request was signed for.
/// </summary>
public sealed partial class SqsOperations(SqsEmulatorState state)
{
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromSeconds(60);

    private static readonly string[] SystemAttributeNames =
    [
        "SenderId", "SentTimestamp", "ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp", "SequenceNumber",
        "MessageDeduplicationId", "MessageGroupId", "AWSTraceHeader", "DeadLetterQueueSourceArn",
    ];

    public static IReadOnlyList<string> Names { get; } =
    [
        "CreateQueue", "DeleteQueue", "GetQueueUrl", "ListQueues", "GetQueueAttributes", "SetQueueAttributes", "SendMessage",
        "SendMessageBatch", "ReceiveMessage", "DeleteMessage", "DeleteMessageBatch", "ChangeMessageVisibility",
        "ChangeMessageVisibilityBatch", "PurgeQueue",
    ];

    public Task<JObject> ExecuteAsync(SigV4Identity caller, string operation, SqsMembers request, CancellationToken cancellationToken) => operation switch
    {
        "CreateQueue" => Task.FromResult(CreateQueue(caller, request)),
        "DeleteQueue" => Task.FromResult(DeleteQueue(caller, request)),
        "GetQueueUrl" => Task.FromResult(GetQueueUrl(caller, request)),
        "ListQueues" => Task.FromResult(ListQueues(caller, request)),
        "GetQueueAttributes" => Task.FromResult(GetQueueAttributes(caller, request)),
        "SetQueueAttributes" => Task.FromResult(SetQueueAttributes(caller, request)),
        "SendMessage" => Task.FromResult(SendMessage(caller, request)),
        "SendMessageBatch" => Task.FromResult(SendMessageBatch(caller, request)),
        "ReceiveMessage" => ReceiveMessageAsync(caller, request, cancellationToken),
        "DeleteMessage" => Task.FromResult(DeleteMessage(caller, request)),
        "DeleteMessageBatch" => Task.FromResult(DeleteMessageBatch(caller, request)),
        "ChangeMessageVisibility" => Task.FromResult(ChangeMessageVisibility(caller, request)),
        "ChangeMessageVisibilityBatch" => Task.FromResult(ChangeMessageVisibilityBatch(caller, request)),
        "PurgeQueue" => Task.FromResult(PurgeQueue(caller, request)),
        _ => throw SqsErrors.InvalidAction(operation),
    };

    private JObject CreateQueue(SigV4Identity caller, SqsMembers request)
    {
        var name = request.RequiredString("QueueName");
        var attributes = request.StringMap("Attributes");
        var fifoName = name.EndsWith(".fifo", StringComparison.Ordinal);
        var fifoAttribute = attributes.GetValueOrDefault(SqsQueueAttributes.FifoQueue) == "true";
        if (!QueueName().IsMatch(name) || fifoName != fifoAttribute)
        {
            throw SqsErrors.InvalidParameterValue(fifoName || fifoAttribute
                ? "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length."
                : "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
        }

        var key = state.CreateQueue(new SqsQueueKey(caller.Region, caller.AccountId, name), attributes);
        return new JObject { ["QueueUrl"] = key.Url };
    }

    private JObject DeleteQueue(SigV4Identity caller, SqsMembers request)
    {
        if (!state.DeleteQueue(Queue(caller, request)))
        {
            throw SqsErrors.QueueDoesNotExist();
        }

        return new JObject();
    }

    private JObject GetQueueUrl(SigV4Identity caller, SqsMembers request)
    {
        var key = new SqsQueueKey(caller.Region, request.OptionalString("QueueOwnerAWSAccountId") ?? caller.AccountId, request.RequiredString("QueueName"));
        return state.Exists(key) ? new JObject { ["QueueUrl"] = key.Url } : throw SqsErrors.QueueDoesNotExist();
    }

    private JObject ListQueues(SigV4Identity caller, SqsMembers request)
    {
        var prefix = request.OptionalString("QueueNamePrefix") ?? "";
        var urls = state.QueueKeys()
            .Where(key => key.Region == caller.Region && key.AccountId == caller.AccountId && key.Name.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(key => key.Name, StringComparer.Ordinal)
            .Select(key => key.Url);
        return new JObject { ["QueueUrls"] = new JArray(urls) };
    }

    private JObject GetQueueAttributes(SigV4Identity caller, SqsMembers request)
    {
        var names = request.StringList("AttributeNames");
        var known = SqsQueueAttributes.All.ToHashSet(StringComparer.Ordinal);
        foreach (var name in names.Where(name => name != "All" && !known.Contains(name)))
        {
            throw SqsErrors.InvalidAttributeName(name);
        }

        return state.With(Queue(caller, request), (queue, now) =>
        {
            var all = new Dictionary<string, string>(queue.Attributes.Settings, StringComparer.Ordinal)
            {
                [SqsQueueAttributes.QueueArn] = queue.Key.Arn,
                [SqsQueueAttributes.ApproximateNumberOfMessages] = Text(queue.CountVisible(now)),
                [SqsQueueAttributes.ApproximateNumberOfMessagesNotVisible] = Text(queue.CountInFlight(now)),
                [SqsQueueAttributes.ApproximateNumberOfMessagesDelayed] = Text(queue.CountDelayed(now)),
                [SqsQueueAttributes.CreatedTimestamp] = Text(queue.CreatedAt.ToUnixTimeSeconds()),
                [SqsQueueAttributes.LastModifiedTimestamp] = Text(queue.LastModifiedAt.ToUnixTimeSeconds()),
            };
            if (queue.Attributes.Redrive is { } redrive)
            {
                all[SqsQueueAttributes.RedrivePolicy] = new JObject
                {
                    ["deadLetterTargetArn"] = redrive.DeadLetterQueue.Arn,
                    ["maxReceiveCount"] = redrive.MaxReceiveCount,
                }.ToString(Newtonsoft.Json.Formatting.None);
            }

            var selected = new JObject();
            foreach (var (name, value) in all.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                if (names.Contains("All") || names.Contains(name))
                {
                    selected[name] = value;
                }
            }

            return selected.Count == 0 ? new JObject() : new JObject { ["Attributes"] = selected };
        });
    }

    private JObject SetQueueAttributes(SigV4Identity caller, SqsMembers request)
    {
        var attributes = request.StringMap("Attributes");
        state.With(Queue(caller, request), (queue, _) =>
        {
            queue.Attributes.Apply(attributes, creating: false);
            return true;
        }, changes: true);
        return new JObject();
    }

    private JObject SendMessage(SigV4Identity caller, SqsMembers request)
    {
        var key = Queue(caller, request);
        var send = state.With(key, (queue, _) => ReadSend(queue, request));
        var result = state.Send(key, [send], caller.AccessKeyId)[0];
        var response = new JObject
        {
            ["MD5OfMessageBody"] = result.Md5OfBody,
            ["MessageId"] = result.MessageId,
        };
        AddSendExtras(response, result);
        return response;
    }

    private JObject SendMessageBatch(SigV4Identity caller, SqsMembers request)
    {
        var key = Queue(caller, request);
        var entries = request.Entries();
        var totalBytes = entries.Sum(entry => Encoding.UTF8.GetByteCount(entry.Entry.OptionalString("MessageBody") ?? ""));
        var limit = state.With(key, (queue, _) => queue.Attributes.MaximumMessageSizeValue);
        if (totalBytes > limit)
        {
            throw SqsErrors.BatchRequestTooLong(totalBytes, limit);
        }

        var successful = new JArray();
        var failed = new JArray();
        foreach (var (id, entry) in entries)
        {
            try
            {
                var send = state.With(key, (queue, _) => ReadSend(queue, entry));
                var result = state.Send(key, [send], caller.AccessKeyId)[0];
                var item = new JObject { ["Id"] = id, ["MessageId"] = result.MessageId, ["MD5OfMessageBody"] = result.Md5OfBody };
                AddSendExtras(item, result);
                successful.Add(item);
            }
            catch (SqsErrorException error)
            {
                failed.Add(Failure(id, error));
            }
        }

        return new JObject { ["Successful"] = successful, ["Failed"] = failed };
    }

    private async Task<JObject> ReceiveMessageAsync(SigV4Identity caller, SqsMembers request, CancellationToken cancellationToken)
    {
        var key = Queue(caller, request);
        var max = request.OptionalInt("MaxNumberOfMessages") ?? 1;
        if (max is < 1 or > 10)
        {
            throw SqsErrors.InvalidParameterValue($"Value {max} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.");
        }

        var visibility = request.OptionalInt("VisibilityTimeout");
        if (visibility is < 0 or > 43200)
        {
            throw SqsErrors.InvalidParameterValue($"Value {visibility} for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided.");
        }

        var wait = request.OptionalInt("WaitTimeSeconds");
        if (wait is < 0 or > 20)
        {
            throw SqsErrors.InvalidParameterValue($"Value {wait} for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.");
        }

        var systemNames = request.StringList("AttributeNames").Concat(request.StringList("MessageSystemAttributeNames")).Distinct().ToList();
        foreach (var name in systemNames.Where(name => name != "All" && !SystemAttributeNames.Contains(name)))
        {
            throw SqsErrors.InvalidAttributeName(name);
        }

        var attributeNames = request.StringList("MessageAttributeNames");
        _ = request.OptionalString("ReceiveRequestAttemptId");
        wait ??= state.With(key, (queue, _) => queue.Attributes.ReceiveWaitSeconds);
        var received = await state.ReceiveAsync(
            key, max, visibility is { } seconds ? TimeSpan.FromSeconds(seconds) : null, TimeSpan.FromSeconds(wait.Value), cancellationToken, caller.AccessKeyId);
        if (received.Count == 0)
        {
            return new JObject();
        }

        var messages = new JArray();
        foreach (var (message, handle) in received)
        {
            var item = new JObject
            {
                ["MessageId"] = message.MessageId,
                ["ReceiptHandle"] = handle,
                ["MD5OfBody"] = message.Md5OfBody,
                ["Body"] = message.Body,
            };
            var attributes = SystemAttributes(message, systemNames);
            if (attributes.Count > 0)
            {
                item["Attributes"] = attributes;
            }

            if (SqsMessageAttributes.Select(message.MessageAttributes, attributeNames) is { } selected)
            {
                item["MD5OfMessageAttributes"] = SqsMessageAttributes.Md5(selected);
                item["MessageAttributes"] = selected;
            }

            messages.Add(item);
        }

        return new JObject { ["Messages"] = messages };
    }

    private JObject DeleteMessage(SigV4Identity caller, SqsMembers request)
    {
        var handle = request.RequiredString("ReceiptHandle");
        state.With(Queue(caller, request), (queue, _) => queue.Delete(handle), changes: true);
        return new JObject();
    }

    private JObject DeleteMessageBatch(SigV4Identity caller, SqsMembers request)
    {
        var key = Queue(caller, request);
        var entries = request.Entries();
        return Batch(entries, entry =>
        {
            var handle = entry.RequiredString("ReceiptHandle");
            state.With(key, (queue, _) => queue.Delete(handle), changes: true);
        });
    }

    private JObject ChangeMessageVisibility(SigV4Identity caller, SqsMembers request)
    {
        var key = Queue(caller, request);
        ChangeVisibility(key, request);
        return new JObject();
    }

    private JObject ChangeMessageVisibilityBatch(SigV4Identity caller, SqsMembers request)
    {
        var key = Queue(caller, request);
        return Batch(request.Entries(), entry => ChangeVisibility(key, entry));
    }

    private JObject PurgeQueue(SigV4Identity caller, SqsMembers request)
    {
        var key = Queue(caller, request);
        state.With(key, (queue, now) =>
        {
            if (queue.LastPurgedAt is { } last && now - last < PurgeInterval)
            {
                throw SqsErrors.PurgeQueueInProgress(key.Url);
            }

            queue.LastPurgedAt = now;
            return queue.Purge();
        }, changes: true);
        return new JObject();
    }

    private void ChangeVisibility(SqsQueueKey key, SqsMembers request)
    {
        var handle = request.RequiredString("ReceiptHandle");
        var seconds = request.OptionalInt("VisibilityTimeout") ?? throw SqsErrors.MissingParameter("VisibilityTimeout");
        if (seconds is < 0 or > 43200)
        {
            throw SqsErrors.InvalidParameterValue($"Value {seconds} for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200.");
        }

        state.With(key, (queue, now) =>
        {
            queue.ChangeVisibility(handle, seconds, now);
            return true;
        }, changes: true);
    }

    private static JObject Batch(IReadOnlyList<(string Id, SqsMembers Entry)> entries, Action<SqsMembers> action)
    {
        var successful = new JArray();
        var failed = new JArray();
        foreach (var (id, entry) in entries)
        {
            try
            {
                action(entry);
                successful.Add(new JObject { ["Id"] = id });
            }
            catch (SqsErrorException error)
            {
                failed.Add(Failure(id, error));
            }
        }

        return new JObject { ["Successful"] = successful, ["Failed"] = failed };
    }

    private static JObject Failure(string id, SqsErrorException error) => new()
    {
        ["Id"] = id,
        ["SenderFault"] = error.SenderFault,
        ["Code"] = error.Type,
        ["Message"] = error.Message,
    };

    private static SqsSendRequest ReadSend(SqsQueue queue, SqsMembers request)
    {
        var body = request.RequiredString("MessageBody");
        if (body.Length == 0)
        {
            throw SqsErrors.InvalidParameterValue("Value for parameter MessageBody is invalid. Reason: Message must be at least one character.");
        }

        CheckCharacters(body);
        var attributes = SqsMessageAttributes.Validate(request.Body["MessageAttributes"], "MessageAttributes");
        var system = SqsMessageAttributes.Validate(request.Body["MessageSystemAttributes"], "MessageSystemAttributes");
        var size = Encoding.UTF8.GetByteCount(body) + (attributes is null ? 0 : Encoding.UTF8.GetByteCount(attributes.ToString()));
        if (size > queue.Attributes.MaximumMessageSizeValue)
        {
            throw SqsErrors.InvalidParameterValue($"One or more parameters are invalid. Reason: Message must be shorter than {queue.Attributes.MaximumMessageSizeValue} bytes.");
        }

        var delay = request.OptionalInt("DelaySeconds");
        var group = request.OptionalString("MessageGroupId");
        var dedup = request.OptionalString("MessageDeduplicationId");
        if (delay is < 0 or > 900)
        {
            throw SqsErrors.InvalidParameterValue($"Value {delay} for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.");
        }

        if (queue.Key.IsFifo)
        {
            if (delay is not null)
            {
                throw SqsErrors.InvalidParameterValue($"Value {delay} for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.");
            }

            if (group is null)
            {
                throw SqsErrors.MissingParameter("MessageGroupId");
            }

            if (dedup is null && !queue.Attributes.ContentBasedDeduplicationEnabled)
            {
                throw SqsErrors.InvalidParameterValue("The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
            }
        }
        else if (dedup is not null)
        {
            throw SqsErrors.InvalidParameterValue(
                $"Value {dedup} for parameter MessageDeduplicationId is invalid. Reason: The request includes a parameter that is not valid for this queue type.");
        }

        CheckToken("MessageGroupId", group);
        CheckToken("MessageDeduplicationId", dedup);
        return new SqsSendRequest(body, delay, attributes, system, group, dedup);
    }

    private static void CheckToken(string name, string? value)
    {
        if (value is not null && !FifoToken().IsMatch(value))
        {
            throw SqsErrors.InvalidParameterValue(
                $"Value {value} for parameter {name} is invalid. Reason: {name} can only include alphanumeric and punctuation characters. 1 to 128 in length.");
        }
    }

    /// <summary>Allowed: #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF.</summary>
    private static void CheckCharacters(string body)
    {
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (char.IsHighSurrogate(c) && i + 1 < body.Length && char.IsLowSurrogate(body[i + 1]))
            {
                i++;
                continue;
            }

            var ok = c is '\t' or '\n' or '\r' || (c >= '\u0020' && c <= '\uD7FF') || (c >= '\uE000' && c <= '\uFFFD');
            if (!ok)
            {
                throw SqsErrors.InvalidMessageContents($"Character U+{(int)c:X4} at position {i} is not allowed in a message body.");
            }
        }
    }

    private static void AddSendExtras(JObject response, SqsSendResult result)
    {
        if (result.Md5OfMessageAttributes is not null)
        {
            response["MD5OfMessageAttributes"] = result.Md5OfMessageAttributes;
        }

        if (result.Md5OfSystemAttributes is not null)
        {
            response["MD5OfMessageSystemAttributes"] = result.Md5OfSystemAttributes;
        }

        if (result.SequenceNumber is not null)
        {
            response["SequenceNumber"] = result.SequenceNumber;
        }
    }

    private static JObject SystemAttributes(SqsMessage message, IReadOnlyList<string> requested)
    {
        bool Wants(string name) => requested.Contains("All") || requested.Contains(name);
        var attributes = new JObject();
        void Add(string name, string? value)
        {
            if (value is not null && Wants(name))
            {
                attributes[name] = value;
            }
        }

        Add("SenderId", message.SenderId);
        Add("SentTimestamp", Text(message.SentAt.ToUnixTimeMilliseconds()));
        Add("ApproximateReceiveCount", Text(message.ReceiveCount));
        Add("ApproximateFirstReceiveTimestamp", message.FirstReceivedAt is { } first ? Text(first.ToUnixTimeMilliseconds()) : null);
        Add("SequenceNumber", message.SequenceNumber);
        Add("MessageDeduplicationId", message.MessageDeduplicationId);
        Add("MessageGroupId", message.MessageGroupId);
        Add("AWSTraceHeader", message.SystemAttributes?["AWSTraceHeader"]?.Value<string>("StringValue"));
        Add("DeadLetterQueueSourceArn", message.DeadLetterQueueSourceArn);
        return attributes;
    }

    /// <summary>The queue named by the request's QueueUrl (…/account/name) in the signing region.</summary>
    private static SqsQueueKey Queue(SigV4Identity caller, SqsMembers request)
    {
        var url = request.RequiredString("QueueUrl");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw SqsErrors.InvalidParameterValue($"Value {url} for parameter QueueUrl is invalid. Reason: Unable to parse the queue URL.");
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2 || !AccountId().IsMatch(segments[^2]))
        {
            throw SqsErrors.InvalidParameterValue($"Value {url} for parameter QueueUrl is invalid. Reason: Unable to parse the queue URL.");
        }

        if (segments[^2] != caller.AccountId)
        {
            throw SqsErrors.AccessDenied();
        }

        return new SqsQueueKey(caller.Region, segments[^2], Uri.UnescapeDataString(segments[^1]));
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,75}(\.fifo)?$|^[A-Za-z0-9_-]{1,80}$")]
    private static partial Regex QueueName();

    [GeneratedRegex(@"^[A-Za-z0-9!""#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~]{1,128}$")]
    private static partial Regex FifoToken();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountId();
}
