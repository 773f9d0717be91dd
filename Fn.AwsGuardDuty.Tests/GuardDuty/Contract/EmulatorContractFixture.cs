using Fn.AwsGuardDuty.GuardDuty;
using Fn.AwsGuardDuty.GuardDuty.Credentials;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.FindingGenerator;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Newtonsoft.Json.Linq;
using static Fn.AwsGuardDuty.Tests.GuardDuty.GuardDutyTestLogging;

namespace Fn.AwsGuardDuty.Tests.GuardDuty.Contract;

/// <summary>
/// One sandbox GuardDuty/EC2 emulator per fixture on a free loopback port; the client under test talks to it over real
/// HTTP, signed with SigV4 (the emulator verifies every signature). Faults are cleared before each test.
/// </summary>
public abstract class EmulatorContractFixture
{
    protected const string Account = "111111111111";
    protected const string RoleAccount = "444455556666";
    protected const string Region = "us-east-1";
    protected const string Key = "AKIACONTRACT00000001";
    protected static readonly string SecretKey = Secret("contract-secret/key+A");
    protected const string SessionKey = "ASIACONTRACT00000002";
    protected static readonly string SessionSecret = Secret("contract-session-secret");
    protected static readonly string SessionToken = Secret("contract-session-token//abc==");

    private readonly List<GuardDutyClientFactory> _factories = [];

    protected GuardDutyEmulator Emulator { get; private set; } = null!;

    protected GuardDutyEmulatorState State => Emulator.State;

    /// <summary>Extra credentials the emulator should accept (AssumeRole, environment, profile keys).</summary>
    protected virtual IEnumerable<AwsCredential> ExtraCredentials() => [];

    [OneTimeSetUp]
    public async Task StartEmulator()
    {
        Emulator = await GuardDutyEmulator.StartAsync(new GuardDutyEmulatorOptions
        {
            Credentials =
            [
                new AwsCredential(Key, SecretKey, Account),
                new AwsCredential(SessionKey, SessionSecret, Account, SessionToken),
                .. ExtraCredentials(),
            ],
            MaxIpSetsPerDetector = 2,
        });
    }

    [OneTimeTearDown]
    public async Task StopEmulator()
    {
        foreach (var factory in _factories) factory.Dispose();
        await Emulator.StopAsync();
    }

    [SetUp]
    public void ClearFaults()
    {
        State.Faults.Clear();
        State.EmptyNextTokenOnLastPage = false;
        State.BumpUpdatedAtOnChange = false;
    }

    /// <summary>Options pointing GuardDuty and EC2 at the emulator, static keys, short back-off.</summary>
    protected GuardDutyClientOptions Options(Action<GuardDutyClientOptions>? tune = null)
    {
        var options = new GuardDutyClientOptions
        {
            AccessKeyId = Key,
            SecretAccessKey = SecretKey,
            EndpointUrl = Emulator.Endpoint,
            Ec2EndpointUrl = Emulator.Endpoint,
            MasterRegion = Region,
            RetryBaseDelay = TimeSpan.FromMilliseconds(2),
            ThrottlingBaseDelay = TimeSpan.FromMilliseconds(5),
            RetryMaxDelay = TimeSpan.FromMilliseconds(50),
            PerTryTimeout = TimeSpan.FromSeconds(5),
            TotalDeadline = TimeSpan.FromSeconds(20),
        };
        tune?.Invoke(options);
        return options;
    }

    protected async Task<GuardDutyClientFactory> NewFactoryAsync(Action<GuardDutyClientOptions>? tune = null) =>
        Track(await GuardDutyClientFactory.CreateAsync(Options(tune), Factory));

    protected GuardDutyClientFactory Track(GuardDutyClientFactory factory)
    {
        _factories.Add(factory);
        return factory;
    }

    protected GuardDutyClientFactory NewFactory(GuardDutyClientOptions options, GuardDutyCredentials credentials) =>
        Track(new GuardDutyClientFactory(options, credentials, Factory));

    /// <summary>A fresh, empty detector (an old one of the account in the region is removed).</summary>
    protected DetectorKey NewDetector(string region = Region, string account = Account)
    {
        foreach (var old in State.Detectors().Where(k => k.AccountId == account && k.Region == region)) State.DeleteDetector(old);
        return State.CreateDetector(account, region);
    }

    protected List<JObject> Seed(DetectorKey detector, int count, int seed = 11)
    {
        var findings = new GuardDutyFindingGenerator(seed, new FindingGeneratorOptions
        {
            AccountId = detector.AccountId,
            Region = detector.Region,
            DetectorId = detector.DetectorId,
            StartTime = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero),
        }).Generate(count).ToList();
        State.AddFindings(detector, findings);
        return State.Findings(detector).ToList();
    }
}
