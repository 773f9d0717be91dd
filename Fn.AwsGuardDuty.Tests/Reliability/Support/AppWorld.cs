using System.Globalization;
using System.Security.Cryptography;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Fn.AwsGuardDuty.Sandbox.Soar;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Fn.AwsGuardDuty.Sandbox.Soar.State;
using Fn.AwsGuardDuty.Sandbox.Worlds;
using Fn.AwsGuardDuty.Tests.Poller.Support;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Reliability.Support;

/// <summary>
/// The reliability tests' <see cref="World"/>: temporary AWS credentials (key, secret and session token), detectors in
/// two regions, SOAR with the GuardDuty customization, a password user, and the actions framework off so <c>run</c>
/// needs no broker; the built app runs against it as a child process. Every secret and, at the end, every line of the
/// app's log files go into the <see cref="LogBook"/>.
/// </summary>
public sealed class AppWorld : IAsyncDisposable
{
    public const string Account = "987654321098";
    public static readonly IReadOnlyList<string> Regions = ["us-east-1", "eu-west-1"];

    private readonly string _name;
    private readonly ILoggerFactory _loggerFactory;

    private AppWorld(string name, World world, ILoggerFactory loggerFactory, Credentials secrets)
    {
        _name = name;
        World = world;
        _loggerFactory = loggerFactory;
        Secrets = secrets;
    }

    public World World { get; }

    public string LogDir => World.LogDir;

    public GuardDutyEmulator GuardDuty => World.GuardDuty;

    public GuardDutyEmulatorState Gd => World.Gd;

    public SoarEmulator Soar => World.Soar;

    public SoarOrgState Org => World.Org;

    public Credentials Secrets { get; }

    public static async Task<AppWorld> StartAsync(string name)
    {
        var secrets = new Credentials(
            AccessKeyId: "AKIAAPPWORLD" + RandomNumberGenerator.GetHexString(8),
            SecretAccessKey: "aws/secret+" + RandomNumberGenerator.GetHexString(28),
            SessionToken: "FwoGZXIvYXdzE" + RandomNumberGenerator.GetHexString(40),
            ApiKeyId: "reliability-api-key",
            ApiKeySecret: "api-key-secret-" + RandomNumberGenerator.GetHexString(20),
            Email: "soc-integration@example.com",
            Password: "soar-password-" + RandomNumberGenerator.GetHexString(12));
        LogBook.Run.AddSecret("AWS secret access key", secrets.SecretAccessKey);
        LogBook.Run.AddSecret("AWS session token", secrets.SessionToken);
        LogBook.Run.AddSecret("SOAR api_key_secret", secrets.ApiKeySecret);
        LogBook.Run.AddSecret("SOAR password", secrets.Password);

        var loggerFactory = new LogBookLoggerProvider(LogBook.Run, name + " emulators").CreateFactory(LogLevel.Information);
        var world = await World.Create().WithLogging(loggerFactory).WithRegions([.. Regions])
            .WithAws(Account, secrets.AccessKeyId, secrets.SecretAccessKey, secrets.SessionToken)
            .WithOrg(301, "Reliability Org", actionsFramework: false).WithApiKey(secrets.ApiKeyId, secrets.ApiKeySecret)
            .WithSoar(o =>
            {
                o.Preload = SoarPreload.GuardDuty;
                o.Users = [new SoarUserOptions { Email = secrets.Email, Password = secrets.Password }];
            })
            .StartAsync();
        return new AppWorld(name, world, loggerFactory, secrets);
    }

    /// <summary>The detector made in <paramref name="region"/>.</summary>
    public DetectorKey Detector(string region) => Gd.EnsureDetector(Account, region);

    /// <summary>
    /// Writes app.config: SOAR by api key (or email/password), the emulators' endpoints, the temporary AWS credentials,
    /// a 1 s polling interval, DEBUG logs into <see cref="LogDir"/>. <paramref name="resilientExtra"/> and
    /// <paramref name="guardDutyExtra"/> replace the defaults they name.
    /// </summary>
    public string WriteConfig(bool passwordLogin = false, IReadOnlyDictionary<string, string>? resilientExtra = null,
        IReadOnlyDictionary<string, string>? guardDutyExtra = null) =>
        World.WriteConfig(c =>
        {
            WorldConfig.AddLines(c.Resilient, "num_workers = 4\nrequest_max_retries = 5\nrequest_retry_delay = 1\nrequest_retry_backoff = 2\nloglevel = DEBUG");
            WorldConfig.AddLines(c.GuardDuty, "aws_gd_polling_interval = 1s\naws_gd_polling_enabled = true\naws_gd_max_retries = 5\naws_gd_request_timeout = 10s");
            if (passwordLogin)
            {
                c.Resilient.Remove("api_key_id");
                c.Resilient.Remove("api_key_secret");
                c.Resilient["email"] = Secrets.Email;
                c.Resilient["password"] = Secrets.Password;
            }

            foreach (var (key, value) in resilientExtra ?? new Dictionary<string, string>())
                c.Resilient[key] = value;
            foreach (var (key, value) in guardDutyExtra ?? new Dictionary<string, string>())
                c.GuardDuty[key] = value;
        });

    /// <summary>Starts the built app on the written app.config; its output lines go to the log book.</summary>
    public AppProcess StartApp()
    {
        var name = $"{_name} app #{World.Processes.Count + 1}";
        return World.StartApp(new AppProcessStart(Path.Combine(TestContext.CurrentContext.TestDirectory, "fn-aws-guardduty"), name)
        {
            OnLine = (stream, line) => LogBook.Run.Add($"{name} std{stream}", line),
        });
    }

    /// <summary>Generated findings added to the detector (wire JSON as stored).</summary>
    public List<JObject> Seed(DetectorKey detector, int count, int seed, DateTimeOffset? start = null, Action<int, JObject>? change = null) =>
        World.Seed(detector, count, seed, start, change);

    /// <summary>GuardDuty incidents in SOAR, by finding id.</summary>
    public ILookup<string, SoarIncidentView> IncidentsByFinding() =>
        Org.GetIncidents()
            .Where(i => i.Properties.GetValueOrDefault(IncidentFields.FindingId) is not null)
            .ToLookup(i => Convert.ToString(i.Properties[IncidentFields.FindingId], CultureInfo.InvariantCulture)!);

    /// <summary>Incidents in the org (cheap enough to poll; only the app creates incidents here).</summary>
    public int IncidentCount => Org.IncidentCount;

    /// <summary>
    /// Nothing lost, nothing duplicated: each seeded finding has exactly one incident, with the detector and region
    /// of its finding, and nothing else has one. <paramref name="contentSample"/> incidents are compared in full with
    /// what the mapper makes of their finding.
    /// </summary>
    public void AssertExactlyOnePerFinding(IEnumerable<(DetectorKey Detector, List<JObject> Findings)> seeded, int contentSample = 50)
    {
        var incidents = IncidentsByFinding();
        var expected = 0;
        var random = new Random(5);
        foreach (var (detector, findings) in seeded)
        {
            foreach (var finding in findings)
            {
                expected++;
                var id = finding.Value<string>("id")!;
                incidents[id].Should().ContainSingle($"finding {id} must have exactly one incident");
                var incident = incidents[id].Single();
                IncidentAssertions.Text(incident.Properties[IncidentFields.DetectorId]).Should().Be(detector.DetectorId);
                IncidentAssertions.Text(incident.Properties[IncidentFields.Region]).Should().Be(detector.Region);
                if (random.Next(Math.Max(1, expected)) < contentSample)
                {
                    SpecIncident.From(Gd.GetFinding(detector, id)!, detector.Region).ShouldBeHeldBy(incident);
                }
            }
        }

        incidents.Count.Should().Be(expected, "no incident for a finding that was not seeded");
    }

    /// <summary>Every line of the app's log files so far (all runs; NLog appends).</summary>
    public IReadOnlyList<string> ReadLogLines()
    {
        if (!System.IO.Directory.Exists(LogDir))
        {
            return [];
        }

        var lines = new List<string>();
        foreach (var file in System.IO.Directory.GetFiles(LogDir, "*", SearchOption.AllDirectories))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    /// <summary>
    /// Findings that GuardDuty reports now: createdAt and updatedAt are the current time (as for new activity), so a
    /// poller that has a checkpoint already must still see them.
    /// </summary>
    public List<JObject> SeedNew(DetectorKey detector, int count, int seed)
    {
        var now = DateTimeOffset.UtcNow;
        return Seed(detector, count, seed, now, (_, finding) =>
        {
            var stamp = Fn.AwsGuardDuty.Sandbox.Aws.IsoTimestamp.Format(now);
            finding["createdAt"] = stamp;
            finding["updatedAt"] = stamp;
            if (finding["service"] is JObject service)
            {
                service["eventFirstSeen"] = stamp;
                service["eventLastSeen"] = stamp;
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in World.Processes)
            await process.DisposeAsync();
        if (System.IO.Directory.Exists(LogDir))
        {
            foreach (var file in System.IO.Directory.GetFiles(LogDir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                LogBook.Run.AddFile($"{_name} log file {Path.GetFileName(file)}", file);
            }
        }

        await World.DisposeAsync();
        _loggerFactory.Dispose();
    }

    /// <summary>The secrets the app is given (all registered in the log book).</summary>
    public sealed record Credentials(string AccessKeyId, string SecretAccessKey, string SessionToken, string ApiKeyId, string ApiKeySecret,
        string Email, string Password);
}
