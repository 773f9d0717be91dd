using Fn.AwsGuardDuty.Sandbox.Soar;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.Soar;

/// <summary>
/// Starts one emulator per fixture (orgs 201 and 202, org 203 disabled; the API key belongs to 201 and 203 only, the
/// user to all) and a client that trusts only its CA and authenticates with the API key.
/// </summary>
public abstract class SoarEmulatorTestBase
{
    protected const string KeyId = "test-key";
    protected const string KeySecret = "test-secret";
    protected const string Email = "analyst@example.com";
    protected const string Password = "correct horse battery staple";
    protected const string Org = "/rest/orgs/201";

    internal SoarEmulator Emulator { get; private set; } = null!;

    internal SoarTestClient Client { get; private set; } = null!;

    protected virtual SoarPreload Preload => SoarPreload.GuardDuty;

    [OneTimeSetUp]
    public async Task StartEmulatorAsync()
    {
        Emulator = await SoarEmulator.StartAsync(new SoarEmulatorOptions
        {
            Orgs =
            [
                new SoarOrgOptions { Id = 201, Name = "Org A", Uuid = "aaaaaaaa-0000-4000-8000-000000000201" },
                new SoarOrgOptions { Id = 202, Name = "Org B", Uuid = "aaaaaaaa-0000-4000-8000-000000000202" },
                new SoarOrgOptions { Id = 203, Name = "Org C", Uuid = "aaaaaaaa-0000-4000-8000-000000000203", Enabled = false },
            ],
            ApiKeys = [new SoarApiKeyOptions { Id = KeyId, Secret = KeySecret, Handle = 42, OrgIds = [201, 203] }],
            Users = [new SoarUserOptions { Email = Email, Password = Password, UserId = 7 }],
            Preload = Preload,
        });
        Client = NewClient();
        Client.UseApiKey(KeyId, KeySecret);
    }

    [OneTimeTearDown]
    public async Task StopEmulatorAsync()
    {
        Client?.Dispose();
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }
    }

    [SetUp]
    public void ResetFaults() => Emulator.Faults.Clear();

    internal SoarTestClient NewClient(System.Net.CookieContainer? cookies = null) => new(Emulator.BaseUri, Emulator.CaPem, cookies);

    protected static JObject Incident(string name, string findingId, string region = "us-east-1", string severity = "Low", string archived = "False") => new()
    {
        ["name"] = name,
        ["description"] = new JObject { ["format"] = "text", ["content"] = "desc " + name },
        ["discovered_date"] = "2024-04-11T05:47:16.625Z",
        ["severity_code"] = severity,
        ["properties"] = new JObject
        {
            ["aws_guardduty_finding_id"] = findingId,
            ["aws_guardduty_detector_id"] = "det-1",
            ["aws_guardduty_region"] = region,
            ["aws_guardduty_archived"] = archived,
            ["aws_guardduty_severity"] = "2",
        },
    };

    protected async Task<JObject> CreateAsync(JObject incident)
    {
        var (status, body) = await Client.PostAsync(Org + "/incidents", incident);
        status.Should().Be(System.Net.HttpStatusCode.OK, body?.ToString());
        return (JObject)body!;
    }
}
