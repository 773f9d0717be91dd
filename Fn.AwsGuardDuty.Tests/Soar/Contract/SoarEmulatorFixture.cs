using Fn.AwsGuardDuty.Sandbox.Soar;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Soar;
using Fn.AwsGuardDuty.Tests.Soar.Support;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Soar.Contract;

/// <summary>
/// Starts the sandbox SOAR emulator over HTTPS on 127.0.0.1 for one fixture and builds clients that verify its
/// certificate against the emulator's CA file. Every log line of every client is captured and, at the end, searched
/// for the credentials.
/// </summary>
public abstract class SoarEmulatorFixture
{
    protected const string ApiKeyId = "contract-key-id";
    protected const string ApiKeySecret = "contract-api-key-secret-7f3a";
    protected const string Email = "analyst@example.com";
    protected const string Password = "contract-password-91bd";
    protected const string OrgName = "Sandbox Org";
    protected const string OrgUuid = "6c1f6b2e-9f1d-4a52-8c2e-000000000201";
    protected const string OrgCloudAccount = "cloud-201";

    private string _dir = null!;

    protected SoarEmulator Emulator { get; private set; } = null!;

    protected string CaFile { get; private set; } = null!;

    protected string TempDir => _dir;

    protected CapturingLoggerProvider Logs { get; } = new();

    protected ILoggerFactory LoggerFactory { get; private set; } = null!;

    protected virtual SoarPreload Preload => SoarPreload.GuardDuty;

    [OneTimeSetUp]
    public async Task StartEmulatorAsync()
    {
        _dir = Directory.CreateTempSubdirectory("soar-contract-").FullName;
        CaFile = Path.Combine(_dir, "soar-ca.pem");
        LoggerFactory = Logs.CreateFactory();
        Emulator = await SoarEmulator.StartAsync(new SoarEmulatorOptions
        {
            CaPemPath = CaFile,
            Preload = Preload,
            Orgs =
            [
                new SoarOrgOptions { Id = 201, Name = OrgName, Uuid = OrgUuid, CloudAccount = OrgCloudAccount },
                new SoarOrgOptions { Id = 202, Name = "Quiet Org", Uuid = "6c1f6b2e-9f1d-4a52-8c2e-000000000202", ActionsFrameworkEnabled = false },
                new SoarOrgOptions { Id = 203, Name = "Retired Org", Uuid = "6c1f6b2e-9f1d-4a52-8c2e-000000000203", Enabled = false },
            ],
            ApiKeys = [new SoarApiKeyOptions { Id = ApiKeyId, Secret = ApiKeySecret, Handle = 9 }],
            Users = [new SoarUserOptions { Email = Email, Password = Password, UserId = 3 }],
        });
    }

    [OneTimeTearDown]
    public async Task StopEmulatorAsync()
    {
        await Emulator.DisposeAsync();
        LoggerFactory.Dispose();
        Directory.Delete(_dir, recursive: true);
        Logs.Lines.Should().NotContain(l => l.Contains(ApiKeySecret, StringComparison.Ordinal) || l.Contains(Password, StringComparison.Ordinal),
            "no credential may reach a log line");
    }

    [TearDown]
    public void ClearFaults() => Emulator.Faults.Clear();

    protected SoarClientOptions Options(bool password = false, string org = OrgName) => new()
    {
        Host = "127.0.0.1",
        Port = Emulator.Port,
        Org = org,
        ApiKeyId = password ? null : ApiKeyId,
        ApiKeySecret = password ? null : ApiKeySecret,
        Email = password ? Email : null,
        Password = password ? Password : null,
        CaFile = CaFile,
        RequestMaxRetries = 5,
        RequestRetryDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(20),
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    protected SoarClient Client(bool password = false, string org = OrgName, Action<SoarClientOptions>? tweak = null)
    {
        var options = Options(password, org);
        tweak?.Invoke(options);
        return new SoarClient(options, LoggerFactory);
    }

    /// <summary>A minimal valid incident with the GuardDuty identity properties.</summary>
    protected static JObject NewIncident(string findingId, string region = "us-east-1", string severity = "Low") => new()
    {
        ["name"] = "AWS GuardDuty finding " + findingId,
        ["description"] = new JObject { ["format"] = "text", ["content"] = "contract test" },
        ["discovered_date"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        ["severity_code"] = severity,
        ["plan_status"] = "A",
        ["properties"] = new JObject
        {
            ["aws_guardduty_finding_id"] = findingId,
            ["aws_guardduty_detector_id"] = "det-1",
            ["aws_guardduty_region"] = region,
        },
    };

    protected long CallsTo(string method, string template) => Emulator.Calls.Get(method, template);
}
