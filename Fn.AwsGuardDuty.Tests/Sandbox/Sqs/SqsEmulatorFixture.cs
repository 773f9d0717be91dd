using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.Sqs;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Sqs;

/// <summary>
/// Base for SQS emulator tests: one emulator per fixture on a free loopback port, driven by the real AWSSDK.SQS client
/// over HTTP (the SDK signs; the emulator verifies). Each test makes its own queues (unique names).
/// </summary>
public abstract class SqsEmulatorFixture
{
    public const string Account = "111111111111";
    public const string OtherAccount = "222222222222";
    public const string Key = "AKIDSQSTESTS0000001";
    public const string Secret = "sqs/secret+for-tests";
    public const string OtherKey = "AKIDSQSTESTS0000002";
    public const string OtherSecret = "other-secret";
    public const string Region = "eu-west-1";

    private readonly List<AmazonSQSClient> clients = [];

    protected SqsEmulator Emulator { get; private set; } = null!;

    protected SqsEmulatorState State => Emulator.State;

    [OneTimeSetUp]
    public async Task StartEmulator() => Emulator = await SqsEmulator.StartAsync(new SqsEmulatorOptions
    {
        Credentials = [new AwsCredential(Key, Secret, Account), new AwsCredential(OtherKey, OtherSecret, OtherAccount)],
    });

    [OneTimeTearDown]
    public async Task StopEmulator()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        await Emulator.StopAsync();
    }

    [SetUp]
    public void ResetFaults() => State.Faults.Clear();

    protected AmazonSQSClient Client(string region = Region, string key = Key, string secret = Secret, int maxErrorRetry = 2)
    {
        var client = new AmazonSQSClient(new BasicAWSCredentials(key, secret), new AmazonSQSConfig
        {
            ServiceURL = Emulator.Endpoint.ToString(),
            AuthenticationRegion = region,
            MaxErrorRetry = maxErrorRetry,
            Timeout = TimeSpan.FromSeconds(40),
        });
        clients.Add(client);
        return client;
    }

    protected static string UniqueName(string prefix, bool fifo = false) =>
        $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(60, prefix.Length + 33)] + (fifo ? ".fifo" : "");

    protected async Task<string> CreateQueueAsync(string name, Dictionary<string, string>? attributes = null)
    {
        var request = new CreateQueueRequest { QueueName = name, Attributes = attributes ?? [] };
        if (name.EndsWith(".fifo", StringComparison.Ordinal))
        {
            request.Attributes[QueueAttributeName.FifoQueue] = "true";
        }

        return (await Client().CreateQueueAsync(request)).QueueUrl;
    }

    protected static SqsQueueKey KeyOf(string queueUrl)
    {
        var segments = new Uri(queueUrl).AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return new SqsQueueKey(Region, segments[0], segments[1]);
    }

    protected async Task<List<Message>> ReceiveAsync(string queueUrl, int max = 10, int wait = 0, int? visibility = null)
    {
        var response = await Client().ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = queueUrl,
            MaxNumberOfMessages = max,
            WaitTimeSeconds = wait,
            VisibilityTimeout = visibility,
            MessageSystemAttributeNames = ["All"],
            MessageAttributeNames = ["All"],
        });
        return response.Messages ?? [];
    }
}
