using Amazon.Runtime;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.FindingGenerator;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.GuardDuty;

/// <summary>
/// Base for emulator tests: one emulator per fixture on a free loopback port, two accounts and one session
/// credential, and helpers that sign with AWSSDK.Core. Faults and switches are reset before each test.
/// </summary>
public abstract class EmulatorFixture
{
    public const string AccountA = "111111111111";
    public const string AccountB = "222222222222";
    public const string KeyA = "AKIDACCOUNTA0000001";
    public const string SecretA = "secret/A+key-for-tests";
    public const string KeyB = "AKIDACCOUNTB0000002";
    public const string SecretB = "secret-B";
    public const string SessionKey = "ASIASESSION00000003";
    public const string SessionSecret = "session-secret";
    public const string SessionToken = "FwoGZXIvYXdzEXAMPLE//session+token==";
    public const string Region = "us-east-1";

    private readonly List<SignedAwsClient> clients = [];

    protected GuardDutyEmulator Emulator { get; private set; } = null!;

    protected GuardDutyEmulatorState State => Emulator.State;

    protected virtual GuardDutyEmulatorOptions Options() => new()
    {
        Credentials =
        [
            new AwsCredential(KeyA, SecretA, AccountA),
            new AwsCredential(KeyB, SecretB, AccountB),
            new AwsCredential(SessionKey, SessionSecret, AccountA, SessionToken),
        ],
        MaxThreatIntelSetsPerDetector = 6,
    };

    [OneTimeSetUp]
    public async Task StartEmulator() => Emulator = await GuardDutyEmulator.StartAsync(Options());

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
    public void ResetSwitches()
    {
        State.Faults.Clear();
        State.BumpUpdatedAtOnChange = false;
        State.EmptyNextTokenOnLastPage = false;
    }

    internal SignedAwsClient Client(string region = Region, string accessKey = KeyA, string secret = SecretA, string service = "guardduty") =>
        Track(new SignedAwsClient(Emulator.Endpoint, new BasicAWSCredentials(accessKey, secret), region, service));

    internal SignedAwsClient SessionClient(string? token = SessionToken) =>
        Track(new SignedAwsClient(Emulator.Endpoint, token is null ? new BasicAWSCredentials(SessionKey, SessionSecret) : new SessionAWSCredentials(SessionKey, SessionSecret, token), Region));

    /// <summary>A new empty detector for the account and region (an old one there is deleted first).</summary>
    protected DetectorKey NewDetector(string region = Region, string accountId = AccountA)
    {
        foreach (var existing in State.Detectors().Where(key => key.AccountId == accountId && key.Region == region))
        {
            State.DeleteDetector(existing);
        }

        return State.CreateDetector(accountId, region);
    }

    /// <summary>Generated findings for a detector; <paramref name="seed"/> makes them reproducible.</summary>
    protected static List<JObject> Generate(DetectorKey detector, int count, int seed = 7, DateTimeOffset? start = null) =>
        new GuardDutyFindingGenerator(seed, new FindingGeneratorOptions
        {
            AccountId = detector.AccountId,
            Region = detector.Region,
            DetectorId = detector.DetectorId,
            StartTime = start ?? new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero),
        }).Generate(count).ToList();

    protected static string FindingsPath(DetectorKey detector, string suffix = "") =>
        $"/detector/{detector.DetectorId}/findings{suffix}";

    private SignedAwsClient Track(SignedAwsClient client)
    {
        clients.Add(client);
        return client;
    }
}
