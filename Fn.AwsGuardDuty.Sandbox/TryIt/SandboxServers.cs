using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Soar;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Sandbox.Sqs;
using Fn.AwsGuardDuty.Sandbox.Stomp;
using Fn.AwsGuardDuty.Sandbox.Tls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>
/// The stand-ins the app talks to, all on 127.0.0.1 with ports picked by the system: GuardDuty + EC2 (a detector in
/// each of <see cref="Regions"/>), STS (GetCallerIdentity, for selftest), SQS (the push queue, fed as the EventBridge rule feeds it), SOAR REST over HTTPS and the STOMP broker over
/// TLS, both with certificates of one sandbox CA. SOAR starts empty of the app's objects, as a fresh SOAR does.
/// </summary>
public sealed class SandboxServers : IAsyncDisposable
{
    public const int OrgId = 201;
    public const string OrgName = "Sandbox Org";
    public static readonly IReadOnlyList<string> Regions = ["us-east-1", "eu-west-1", "ap-southeast-2"];

    private readonly LocalCertificateAuthority _ca;

    private SandboxServers(LocalCertificateAuthority ca, GuardDutyEmulator guardDuty, StsCallerIdentityEndpoint sts, SoarEmulator soar,
        SandboxStompBroker broker, IReadOnlyDictionary<string, DetectorKey> detectors, SqsEmulator sqs, EventBridgeFeed feed)
    {
        Sqs = sqs;
        Feed = feed;
        _ca = ca;
        GuardDuty = guardDuty;
        Sts = sts;
        Soar = soar;
        Broker = broker;
        Detectors = detectors;
    }

    public GuardDutyEmulator GuardDuty { get; }

    public StsCallerIdentityEndpoint Sts { get; }

    public SoarEmulator Soar { get; }

    public SandboxStompBroker Broker { get; }

    /// <summary>The detector of each region, by region name.</summary>
    public IReadOnlyDictionary<string, DetectorKey> Detectors { get; }

    /// <summary>The SQS emulator holding the push queue (FIFO, with a dead-letter queue) that <see cref="Feed"/> fills.</summary>
    public SqsEmulator Sqs { get; }

    /// <summary>The EventBridge rule: GuardDuty finding events into the push queue.</summary>
    public EventBridgeFeed Feed { get; }

    public const string QueueName = "fn-aws-guardduty.fifo";
    public const string DeadLetterQueueName = "fn-aws-guardduty-dlq.fifo";

    public static async Task<SandboxServers> StartAsync(SandboxSecrets secrets, SandboxLayout layout, ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        var ca = LocalCertificateAuthority.Create("fn-aws-guardduty try-it sandbox CA");
        ca.WriteCertificatePem(layout.CaFile);
        var aws = new AwsCredential(secrets.AwsAccessKeyId, secrets.AwsSecretAccessKey, SandboxSecrets.AwsAccountId);
        GuardDutyEmulator? guardDuty = null;
        StsCallerIdentityEndpoint? sts = null;
        SoarEmulator? soar = null;
        SqsEmulator? sqs = null;
        try
        {
            guardDuty = await GuardDutyEmulator.StartAsync(new GuardDutyEmulatorOptions { Credentials = [aws], LoggerFactory = loggerFactory }, cancellationToken)
                .ConfigureAwait(false);
            var detectors = Regions.ToDictionary(r => r, r => guardDuty.State.CreateDetector(SandboxSecrets.AwsAccountId, r), StringComparer.Ordinal);
            sts = await StsCallerIdentityEndpoint.StartAsync([aws], cancellationToken).ConfigureAwait(false);
            soar = await SoarEmulator.StartAsync(new SoarEmulatorOptions
            {
                CertificateAuthority = ca,
                Orgs = [new SoarOrgOptions { Id = OrgId, Name = OrgName, Uuid = "6c1f6b2e-9f1d-4a52-8c2e-000000000201" }],
                ApiKeys =
                [
                    new SoarApiKeyOptions { Id = secrets.AppKeyId, Secret = secrets.AppKeySecret, Handle = SandboxSecrets.AppKeyHandle, Name = "fn-aws-guardduty" },
                    new SoarApiKeyOptions { Id = secrets.AnalystKeyId, Secret = secrets.AnalystKeySecret, Handle = SandboxSecrets.AnalystKeyHandle, Name = "analyst" },
                ],
                Users = [],
                Preload = SoarPreload.None,
            }, loggerFactory, cancellationToken).ConfigureAwait(false);
            var broker = await SandboxStompBroker.StartAsync(new SandboxStompBrokerOptions
            {
                Certificate = ca.IssueServerCertificate("localhost", "127.0.0.1"),
                Users =
                [
                    // As on SOAR: the app's API key reads its function queue and answers on the acks queue.
                    new SandboxStompUser(secrets.AppKeyId, secrets.AppKeySecret)
                    {
                        ReadQueues = [$"actions.{OrgId}.*"],
                        WriteQueues = [$"acks.{OrgId}.*"],
                    },
                    new SandboxStompUser(secrets.PlatformLogin, secrets.PlatformPasscode),
                ],
            }, loggerFactory.CreateLogger<SandboxStompBroker>()).ConfigureAwait(false);
            sqs = await SqsEmulator.StartAsync(new SqsEmulatorOptions { Credentials = [aws], LoggerFactory = loggerFactory }, cancellationToken)
                .ConfigureAwait(false);
            var deadLetters = sqs.State.CreateQueue(new SqsQueueKey(Regions[0], SandboxSecrets.AwsAccountId, DeadLetterQueueName),
                new Dictionary<string, string> { ["FifoQueue"] = "true" });
            var queue = sqs.State.CreateQueue(new SqsQueueKey(Regions[0], SandboxSecrets.AwsAccountId, QueueName), new Dictionary<string, string>
            {
                ["FifoQueue"] = "true",
                ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{deadLetters.Arn}}","maxReceiveCount":5}""",
            });
            return new SandboxServers(ca, guardDuty, sts, soar, broker, detectors, sqs, new EventBridgeFeed(guardDuty.State, sqs.State, queue));
        }
        catch
        {
            if (sqs is not null)
                await sqs.DisposeAsync().ConfigureAwait(false);
            if (soar is not null)
                await soar.DisposeAsync().ConfigureAwait(false);
            if (sts is not null)
                await sts.DisposeAsync().ConfigureAwait(false);
            if (guardDuty is not null)
                await guardDuty.DisposeAsync().ConfigureAwait(false);
            ca.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Feed.Dispose();
        await Sqs.DisposeAsync().ConfigureAwait(false);
        await Broker.DisposeAsync().ConfigureAwait(false);
        await Soar.DisposeAsync().ConfigureAwait(false);
        await Sts.DisposeAsync().ConfigureAwait(false);
        await GuardDuty.DisposeAsync().ConfigureAwait(false);
        _ca.Dispose();
    }
}
