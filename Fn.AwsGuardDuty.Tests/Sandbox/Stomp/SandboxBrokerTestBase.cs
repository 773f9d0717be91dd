using Fn.AwsGuardDuty.Sandbox.Stomp;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Stomp;

/// <summary>
/// One sandbox broker per fixture with three accounts, as SOAR's broker has them: the app (reads and writes
/// everything), the platform, and a key that may not read the function queues. Faults are cleared before each test;
/// tests use queue names of their own.
/// </summary>
public abstract class SandboxBrokerTestBase
{
    internal const string AppLogin = "app-key";
    internal const string AppPasscode = "app-secret";
    internal const string PlatformLogin = "soar-platform";
    internal const string PlatformPasscode = "platform-secret";
    internal const string NoReadLogin = "no-read-key";
    internal const string NoReadPasscode = "no-read-secret";

    internal SandboxStompBroker Broker { get; private set; } = null!;

    internal static SandboxStompBrokerOptions Options() => new()
    {
        Users =
        [
            new SandboxStompUser(AppLogin, AppPasscode),
            new SandboxStompUser(PlatformLogin, PlatformPasscode),
            new SandboxStompUser(NoReadLogin, NoReadPasscode) { ReadQueues = ["acks.>"], WriteQueues = ["acks.>"] },
        ],
    };

    [OneTimeSetUp]
    public async Task StartBrokerAsync() => Broker = await SandboxStompBroker.StartAsync(Options());

    [OneTimeTearDown]
    public async Task StopBrokerAsync()
    {
        if (Broker is not null)
        {
            await Broker.DisposeAsync();
        }
    }

    [SetUp]
    public void ClearFaults() => Broker.ClearFaults();

    protected static string NewQueue(string prefix = "stomp-test") => $"{prefix}.{Guid.NewGuid():N}";

    internal Task<RawStompConnection> ConnectAsync(string login = AppLogin, string passcode = AppPasscode, string heartBeat = "0,0") =>
        RawStompConnection.ConnectAsync(Broker.Port, login, passcode, heartBeat);

    /// <summary>Polls a condition on the broker (its state changes on its own threads).</summary>
    protected static async Task Eventually(Func<bool> condition, string because, int timeoutMs = 3000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting until {because}");
            }

            await Task.Delay(10);
        }
    }
}
